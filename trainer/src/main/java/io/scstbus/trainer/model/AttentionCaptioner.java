package io.scstbus.trainer.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The DJL {@link Captioner}: an {@link AttentionCaptionerBlock} with its own parameter manager. */
public final class AttentionCaptioner implements Captioner {

    private final AttentionCaptionerBlock block;
    private final NDManager manager;
    private final ParameterStore store;

    private AttentionCaptioner(AttentionCaptionerBlock block, NDManager manager) {
        this.block = block;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /** A freshly initialised captioner whose parameters live in a sub-manager of {@code parent}. */
    public static AttentionCaptioner create(ModelConfig config, int vocabularySize, NDManager parent) {
        if (vocabularySize < 5) {
            throw new IllegalArgumentException("vocabulary must have at least one word besides the 4 specials, got size "
                    + vocabularySize);
        }
        NDManager manager = parent.newSubManager();
        AttentionCaptionerBlock block = new AttentionCaptionerBlock(config, vocabularySize);
        int s = config.imageSize();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, s, s), new Shape(1, config.maxLength() + 1));
        return new AttentionCaptioner(block, manager);
    }

    public AttentionCaptionerBlock block() {
        return block;
    }

    @Override
    public int vocabularySize() {
        return block.vocabularySize();
    }

    @Override
    public int imageSize() {
        return block.config().imageSize();
    }

    @Override
    public NDList encode(NDArray images, boolean training) {
        return block.encode(store, images, training);
    }

    @Override
    public NDList initialState(NDList encoded, boolean training) {
        return block.initialState(store, encoded, training);
    }

    @Override
    public DecoderStep step(NDList encoded, NDList state, NDArray previousTokens, boolean training) {
        return block.step(store, encoded, state, previousTokens, training);
    }

    @Override
    public NDArray teacherForced(NDArray images, NDArray inputs, boolean training) {
        return block.forward(store, new NDList(images, inputs), training).singletonOrThrow();
    }

    @Override
    public PairList<String, Parameter> parameters() {
        return block.getParameters();
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public void saveParameters(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            block.saveParameters(out);
        }
    }

    @Override
    public void loadParameters(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("model parameters " + file + " do not fit this captioner ("
                    + block.config() + ", vocabulary " + vocabularySize() + "): " + e.getMessage(), e);
        }
        // loaded arrays come back without autograd; initialisation had switched it on
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
