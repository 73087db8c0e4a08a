/** Command-line entry points of {@code bin/reward-worker}; each subcommand is one class. */
package io.scstbus.rewards.cli;
