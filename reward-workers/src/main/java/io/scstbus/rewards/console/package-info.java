/**
 * What the command lines of both modules (reward worker, trainer, replay, generator, bench) show on
 * a terminal: the one progress bar.
 */
package io.scstbus.rewards.console;
