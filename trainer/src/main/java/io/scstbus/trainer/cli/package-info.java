/** Command-line entry points of {@code bin/trainer}; each subcommand is one class. */
package io.scstbus.trainer.cli;
