/**
 * The trainer's side of the bus: publish rollout groups, join the partial results of every worker
 * group per key with a deadline, drop duplicates, re-request incomplete groups once.
 */
package io.scstbus.trainer.bus;
