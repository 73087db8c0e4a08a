/**
 * The training run: {@link io.scstbus.trainer.train.ScstTrainer} (cross-entropy, then SCST over a
 * {@link io.scstbus.trainer.bus.RewardBus}), its validated {@link io.scstbus.trainer.train.TrainConfig}
 * with presets, checkpoints as a listener, evaluation, progress and the
 * {@link io.scstbus.trainer.train.TrainingSummary}.
 */
package io.scstbus.trainer.train;
