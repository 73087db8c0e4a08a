/**
 * Reward signals: pure, thread-safe functions of (candidate caption, reference context) to a
 * {@link io.scstbus.rewards.signals.SignalResult}. Nothing here knows Kafka, gRPC or DJL.
 */
package io.scstbus.rewards.signals;
