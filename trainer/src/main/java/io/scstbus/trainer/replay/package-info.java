/**
 * Replay and analysis of one run's reward topics ({@code bin/replay}): a timestamp-ordered reader of the
 * rollout and reward topics, step assembly with the trainer's {@link io.scstbus.trainer.bus.RewardJoiner},
 * the trainer's own reward combination and baselines, streaming CSV tables, plots, an HTML report, and
 * rescoring with another reward configuration. Memory is bounded by one step's records plus per-step
 * and per-object aggregates, never by the run's size.
 */
package io.scstbus.trainer.replay;
