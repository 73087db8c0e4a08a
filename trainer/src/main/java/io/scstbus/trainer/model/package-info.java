/**
 * The captioner: the {@link io.scstbus.trainer.model.Captioner} interface that sampling and training
 * see, and its DJL implementation, a small CNN encoder with an attention LSTM decoder
 * ({@link io.scstbus.trainer.model.AttentionCaptionerBlock}). See docs/captioner-interface.md.
 */
package io.scstbus.trainer.model;
