package io.scstbus.trainer.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DJL {@link Captioner}: an image encoder block ({@link ImageEncoders}) whose feature map
 * (B, C, H, W) becomes H x W regions, or whose token sequence (B, N, D) is taken as it is, and a
 * {@link CaptionDecoder} that attends over them. A frozen encoder is left out of {@link #parameters()}
 * and its features come from a {@link FeatureCache}; an unfrozen one learns at
 * {@code encoder_lr_scale} times the decoder's rate. Parameters are named {@code encoder.*} and
 * {@code decoder.*}.
 */
public final class EncoderDecoderCaptioner implements Captioner {

    private static final int MAGIC = 0x53434431; // "SCD1"
    static final String ENCODER = "encoder.";
    static final String DECODER = "decoder.";

    private final ModelConfig config;
    private final int vocabularySize;
    private final Block encoder;
    private final CaptionDecoder decoder;
    private final NDManager manager;
    private ParameterStore store;
    private final FeatureCache cache;

    EncoderDecoderCaptioner(ModelConfig config, int vocabularySize, Block encoder, CaptionDecoder decoder,
                            NDManager manager, FeatureCache cache) {
        this.config = config;
        this.vocabularySize = vocabularySize;
        this.encoder = encoder;
        this.decoder = decoder;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.cache = cache;
    }

    public ModelConfig config() {
        return config;
    }

    /** The frozen encoder's feature cache, or null when the encoder trains or caching is off. */
    public FeatureCache featureCache() {
        return cache;
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public int imageSize() {
        return config.imageSize();
    }

    @Override
    public NDList encode(NDArray images, boolean training) {
        NDArray features = cache != null ? cache.features(images, this::frozenFeatures)
                : config.frozen() ? frozenFeatures(images) : features(images, training);
        return decoder.prepare(store, features, training);
    }

    @Override
    public NDList initialState(NDList encoded, boolean training) {
        return decoder.initialState(store, encoded, training);
    }

    @Override
    public DecoderStep step(NDList encoded, NDList state, NDArray previousTokens, boolean training) {
        return decoder.step(store, encoded, state, previousTokens, training);
    }

    @Override
    public NDArray teacherForced(NDArray images, NDArray inputs, boolean training) {
        return decoder.teacherForced(store, encode(images, training), inputs, training);
    }

    /** The encoder's output as regions (B, R, C). */
    NDArray features(NDArray images, boolean training) {
        NDArray out = encoder.forward(store, new NDList(images), training).get(0);
        Shape s = out.getShape();
        if (s.dimension() == 4) {
            return out.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
        }
        if (s.dimension() == 3) {
            return out;
        }
        throw new IllegalStateException("encoder " + config.encoder() + " returned shape " + s + " for images "
                + images.getShape() + "; expected a feature map (B, C, H, W) or tokens (B, N, D)");
    }

    private NDArray frozenFeatures(NDArray images) {
        return features(images, false).stopGradient();
    }

    @Override
    public PairList<String, Parameter> parameters() {
        PairList<String, Parameter> all = new PairList<>();
        if (!config.frozen()) {
            for (Pair<String, Parameter> p : encoder.getParameters()) {
                all.add(ENCODER + p.getKey(), p.getValue());
            }
        }
        for (Pair<String, Parameter> p : decoder.getParameters()) {
            all.add(DECODER + p.getKey(), p.getValue());
        }
        return all;
    }

    @Override
    public double learningRateScale(String parameter) {
        return parameter.startsWith(ENCODER) ? config.encoderLrScale() : 1.0;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public void saveParameters(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            encoder.saveParameters(out);
            decoder.saveParameters(out);
        }
    }

    @Override
    public void loadParameters(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("model parameters " + file + " were not written by this captioner (bad magic"
                        + " number; checkpoints of scst-bus before model.encoder existed cannot be loaded)");
            }
            encoder.loadParameters(manager, in);
            decoder.loadParameters(manager, in);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException("model parameters " + file + " do not fit this captioner (" + config
                    + ", vocabulary " + vocabularySize + "): " + e.getMessage(), e);
        }
        // the store holds on to the arrays it handed out before: a new one hands out the loaded ones
        store = new ParameterStore(manager, false);
        // loaded arrays come back without autograd; initialisation had switched it on
        for (Pair<String, Parameter> p : parameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    @Override
    public void close() {
        if (encoder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close encoder " + config.encoder(), e);
            }
        }
        manager.close();
    }
}
