package io.scstbus.trainer.model;

import java.util.List;
import java.util.Locale;

/**
 * Size and kind of the captioner and its vocabulary. {@link Captioners#create} builds the model it
 * describes; {@link #preset(String)} names the sizes that exist.
 *
 * @param imageSize input side S
 * @param channels filters of each stride-2 3x3 conv layer of the {@code cnn} encoder (unused otherwise)
 * @param embedSize word embedding size of the LSTM decoder (the transformer embeds to its width)
 * @param hiddenSize LSTM hidden size, or the transformer's width
 * @param attentionSize additive attention size of the LSTM decoder
 * @param maxLength words per generated caption, eos not counted
 * @param vocabMinCount words seen fewer times in training captions become unk
 * @param encoder {@code cnn}, {@code resnet18|resnet34|resnet50} (DJL's ResNet, random init) or
 *                {@code torchscript:PATH} (a TorchScript image encoder, docs/captioner-interface.md)
 * @param frozen the encoder is not trained; its features are computed once per image and cached
 * @param encoderLrScale the encoder's learning rate relative to the decoder's
 * @param featureCache where a frozen encoder's features are kept: {@code memory}, {@code none} or
 *                     {@code disk:DIR}
 * @param decoder {@code lstm} (additive attention LSTM) or {@code transformer}
 * @param layers transformer decoder layers
 * @param heads transformer attention heads; must divide hidden_size
 */
public record ModelConfig(int imageSize, List<Integer> channels, int embedSize, int hiddenSize,
                          int attentionSize, int maxLength, int vocabMinCount, String encoder, boolean frozen,
                          double encoderLrScale, String featureCache, String decoder, int layers, int heads) {

    /** The names {@link #preset(String)} knows, smallest first. */
    public static final List<String> PRESETS = List.of("tiny", "small", "medium", "large");

    public static final String TORCHSCRIPT = "torchscript:";

    public ModelConfig {
        channels = channels == null || channels.isEmpty() ? List.of(16, 32, 64) : List.copyOf(channels);
        encoder = encoder == null || encoder.isBlank() ? "cnn" : encoder.strip();
        decoder = decoder == null || decoder.isBlank() ? "lstm" : decoder.strip().toLowerCase(Locale.ROOT);
        featureCache = featureCache == null || featureCache.isBlank() ? "memory" : featureCache.strip();
        if (channels.size() > 6) {
            throw new IllegalArgumentException("model.channels must have 1 to 6 layers, got " + channels);
        }
        for (int c : channels) {
            range("model.channels[]", c, 1, 1024);
        }
        range("model.image_size", imageSize, 8, 1024);
        if (encoder.equals("cnn")) {
            int stride = 1 << channels.size();
            if (imageSize % stride != 0) {
                throw new IllegalArgumentException("model.image_size must be divisible by 2^" + channels.size()
                        + " = " + stride + " (one halving per conv layer), got " + imageSize);
            }
        } else if (resnetLayers(encoder) > 0) {
            if (imageSize < 64 || imageSize % 32 != 0) {
                throw new IllegalArgumentException("model.image_size of a ResNet encoder must be a multiple of 32,"
                        + " at least 64 (224 is ImageNet's), got " + imageSize);
            }
        } else if (!encoder.startsWith(TORCHSCRIPT) || encoder.length() == TORCHSCRIPT.length()) {
            throw new IllegalArgumentException("model.encoder must be cnn, resnet18, resnet34, resnet50 or"
                    + " torchscript:PATH, got '" + encoder + "'");
        }
        if (!decoder.equals("lstm") && !decoder.equals("transformer")) {
            throw new IllegalArgumentException("model.decoder must be lstm or transformer, got '" + decoder + "'");
        }
        if (!featureCache.equals("memory") && !featureCache.equals("none")
                && !(featureCache.startsWith("disk:") && featureCache.length() > 5)) {
            throw new IllegalArgumentException("model.feature_cache must be memory, none or disk:DIR, got '"
                    + featureCache + "'");
        }
        range("model.embed_size", embedSize, 1, 4096);
        range("model.hidden_size", hiddenSize, 1, 4096);
        range("model.attention_size", attentionSize, 1, 4096);
        range("model.max_length", maxLength, 1, 200);
        range("model.vocab_min_count", vocabMinCount, 1, 1_000_000);
        range("model.layers", layers, 1, 48);
        range("model.heads", heads, 1, 64);
        if (decoder.equals("transformer") && hiddenSize % heads != 0) {
            throw new IllegalArgumentException("model.heads (" + heads + ") must divide model.hidden_size ("
                    + hiddenSize + "), the transformer's width");
        }
        if (!(encoderLrScale >= 0 && encoderLrScale <= 100)) {
            throw new IllegalArgumentException("model.encoder_lr_scale must be in [0, 100], got " + encoderLrScale);
        }
    }

    /** The original seven sizes: cnn encoder, LSTM decoder. */
    public ModelConfig(int imageSize, List<Integer> channels, int embedSize, int hiddenSize, int attentionSize,
                       int maxLength, int vocabMinCount) {
        this(imageSize, channels, embedSize, hiddenSize, attentionSize, maxLength, vocabMinCount, "cnn", false, 1.0,
                "memory", "lstm", 2, 4);
    }

    /** Tiny: 64x64 input, 3 conv layers, LSTM 128 (about 0.1M parameters); trains in minutes on two CPU cores. */
    public static ModelConfig tiny() {
        return new ModelConfig(64, List.of(16, 32, 64), 64, 128, 64, 16, 2);
    }

    /** Small: ResNet-18 at 224 px, attention LSTM 512 (about 15M parameters with a 2k vocabulary). */
    public static ModelConfig small() {
        return new ModelConfig(224, null, 256, 512, 256, 20, 2, "resnet18", false, 1.0, "memory", "lstm", 2, 8);
    }

    /** Medium: ResNet-34 at 224 px, 3-layer transformer decoder of width 512 (about 34M parameters). */
    public static ModelConfig medium() {
        return new ModelConfig(224, null, 512, 512, 256, 20, 2, "resnet34", false, 1.0, "memory", "transformer", 3, 8);
    }

    /** Large: ResNet-50 at 224 px, 6-layer transformer decoder of width 512 (about 50M parameters). */
    public static ModelConfig large() {
        return new ModelConfig(224, null, 512, 512, 256, 20, 2, "resnet50", false, 1.0, "memory", "transformer", 6, 8);
    }

    public static ModelConfig preset(String name) {
        return switch (name) {
            case "tiny" -> tiny();
            case "small" -> small();
            case "medium" -> medium();
            case "large" -> large();
            default -> throw new IllegalArgumentException("model.preset must be one of " + PRESETS + ", got '"
                    + name + "'");
        };
    }

    /** 18, 34 or 50 for a built-in ResNet encoder, else 0. */
    public static int resnetLayers(String encoder) {
        return switch (encoder) {
            case "resnet18" -> 18;
            case "resnet34" -> 34;
            case "resnet50" -> 50;
            default -> 0;
        };
    }

    public ModelConfig withEncoder(String value, boolean isFrozen) {
        return new ModelConfig(imageSize, channels, embedSize, hiddenSize, attentionSize, maxLength, vocabMinCount,
                value, isFrozen, encoderLrScale, featureCache, decoder, layers, heads);
    }

    public ModelConfig withDecoder(String value, int layerCount, int headCount) {
        return new ModelConfig(imageSize, channels, embedSize, hiddenSize, attentionSize, maxLength, vocabMinCount,
                encoder, frozen, encoderLrScale, featureCache, value, layerCount, headCount);
    }

    public ModelConfig withFeatureCache(String value) {
        return new ModelConfig(imageSize, channels, embedSize, hiddenSize, attentionSize, maxLength, vocabMinCount,
                encoder, frozen, encoderLrScale, value, decoder, layers, heads);
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
