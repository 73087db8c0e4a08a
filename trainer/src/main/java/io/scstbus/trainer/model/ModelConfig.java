package io.scstbus.trainer.model;

import java.util.List;

/**
 * Size of the DJL captioner and its vocabulary.
 *
 * @param imageSize input side S; must be divisible by 2^(number of conv layers)
 * @param channels filters of each stride-2 3x3 conv layer of the encoder
 * @param embedSize word embedding size
 * @param hiddenSize LSTM hidden size
 * @param attentionSize additive attention size
 * @param maxLength words per generated caption, eos not counted
 * @param vocabMinCount words seen fewer times in training captions become unk
 */
public record ModelConfig(int imageSize, List<Integer> channels, int embedSize, int hiddenSize,
                          int attentionSize, int maxLength, int vocabMinCount) {

    public ModelConfig {
        channels = channels == null || channels.isEmpty() ? List.of(16, 32, 64) : List.copyOf(channels);
        if (channels.size() > 6) {
            throw new IllegalArgumentException("model.channels must have 1 to 6 layers, got " + channels);
        }
        for (int c : channels) {
            range("model.channels[]", c, 1, 1024);
        }
        range("model.image_size", imageSize, 8, 1024);
        int stride = 1 << channels.size();
        if (imageSize % stride != 0) {
            throw new IllegalArgumentException("model.image_size must be divisible by 2^" + channels.size()
                    + " = " + stride + " (one halving per conv layer), got " + imageSize);
        }
        range("model.embed_size", embedSize, 1, 4096);
        range("model.hidden_size", hiddenSize, 1, 4096);
        range("model.attention_size", attentionSize, 1, 4096);
        range("model.max_length", maxLength, 1, 200);
        range("model.vocab_min_count", vocabMinCount, 1, 1_000_000);
    }

    /** Tiny: 64x64 input, 3 conv layers, hidden 128; trains in minutes on two CPU cores. */
    public static ModelConfig tiny() {
        return new ModelConfig(64, List.of(16, 32, 64), 64, 128, 64, 16, 2);
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
