/**
 * The captioner: the {@link io.scstbus.trainer.model.Captioner} interface that sampling and training
 * see, and its DJL implementation ({@link io.scstbus.trainer.model.EncoderDecoderCaptioner}): an image encoder
 * (small CNN, DJL's ResNet or a TorchScript module) and an attention LSTM or transformer decoder, built
 * from a {@link io.scstbus.trainer.model.ModelConfig} by {@link io.scstbus.trainer.model.Captioners}. See docs/captioner-interface.md.
 */
package io.scstbus.trainer.model;
