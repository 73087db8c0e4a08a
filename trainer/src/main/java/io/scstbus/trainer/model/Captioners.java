package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/** Builds the {@link Captioner} a {@link ModelConfig} describes: the one place that knows the model classes. */
public final class Captioners {

    private Captioners() {
    }

    /** A freshly initialised captioner whose parameters live in a sub-manager of {@code parent} (and on its device). */
    public static EncoderDecoderCaptioner create(ModelConfig config, int vocabularySize, NDManager parent) {
        if (vocabularySize < 5) {
            throw new IllegalArgumentException("vocabulary must have at least one word besides the 4 specials, got size "
                    + vocabularySize);
        }
        NnpackSwitch.turnOff();
        NDManager manager = parent.newSubManager();
        try {
            Block encoder = ImageEncoders.create(config, manager);
            if (config.frozen()) {
                encoder.freezeParameters(true);
            }
            CaptionDecoder decoder = config.decoder().equals("transformer")
                    ? new TransformerDecoderBlock(config, vocabularySize)
                    : new LstmDecoderBlock(config, vocabularySize);
            EncoderDecoderCaptioner model = new EncoderDecoderCaptioner(config, vocabularySize, encoder, decoder,
                    manager, config.frozen() ? FeatureCache.of(config) : null);
            Shape features = featureShape(model, manager);
            decoder.initialize(manager, DataType.FLOAT32, features, new Shape(1, config.maxLength() + 1));
            return model;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Parameters a model of this config has, trainable or not, e.g. for a size table. */
    public static long parameterCount(Captioner model) {
        long n = 0;
        for (var p : model.parameters()) {
            n += p.getValue().getArray().getShape().size();
        }
        return n;
    }

    /** (1, R, C): the encoder run once on a blank image. */
    private static Shape featureShape(EncoderDecoderCaptioner model, NDManager manager) {
        int s = model.imageSize();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray blank = scratch.zeros(new Shape(1, 3, s, s));
            return model.features(blank, false).getShape();
        }
    }
}
