package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CNN encoder plus additive-attention LSTM decoder (Show, Attend and Tell, small).
 *
 * <p>Encoder: stride-2 3x3 convolutions with ReLU, so an S x S image becomes R = (S / 2^L)^2 regions
 * of C = last-channel features. Decoder step: attention over the regions with the previous hidden
 * state, an LSTM cell on [word embedding; context], logits from [h; context].
 *
 * <p>{@link #forward} is teacher forcing: inputs (images (B, 3, S, S), decoder inputs (B, T) int64),
 * output logits (B, T, V). {@link #encode}, {@link #initialState} and {@link #step} are the pieces
 * autoregressive decoding uses.
 */
public final class AttentionCaptionerBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int vocabularySize;
    private final ModelConfig config;
    private final SequentialBlock encoder;
    private final Linear initHidden;
    private final Linear initCell;
    private final Linear attentionKey;
    private final Linear attentionQuery;
    private final Linear attentionScore;
    private final Linear embedding;
    private final Linear gates;
    private final Linear output;

    public AttentionCaptionerBlock(ModelConfig config, int vocabularySize) {
        super(VERSION);
        this.config = config;
        this.vocabularySize = vocabularySize;
        SequentialBlock cnn = new SequentialBlock();
        for (int filters : config.channels()) {
            cnn.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(filters).build());
            cnn.add(Activation::relu);
        }
        int h = config.hiddenSize();
        int a = config.attentionSize();
        this.encoder = addChildBlock("encoder", cnn);
        this.initHidden = addChildBlock("init_hidden", Linear.builder().setUnits(h).build());
        this.initCell = addChildBlock("init_cell", Linear.builder().setUnits(h).build());
        this.attentionKey = addChildBlock("attention_key", Linear.builder().setUnits(a).build());
        this.attentionQuery = addChildBlock("attention_query", Linear.builder().setUnits(a).optBias(false).build());
        this.attentionScore = addChildBlock("attention_score", Linear.builder().setUnits(1).optBias(false).build());
        this.embedding = addChildBlock("embedding", Linear.builder().setUnits(config.embedSize()).optBias(false).build());
        this.gates = addChildBlock("gates", Linear.builder().setUnits(4L * h).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(vocabularySize).build());
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape images = inputShapes[0];
        encoder.initialize(manager, dataType, images);
        long c = encoder.getOutputShapes(new Shape[] {images})[0].get(1);
        long h = config.hiddenSize();
        initHidden.initialize(manager, dataType, new Shape(1, c));
        initCell.initialize(manager, dataType, new Shape(1, c));
        attentionKey.initialize(manager, dataType, new Shape(1, c));
        attentionQuery.initialize(manager, dataType, new Shape(1, h));
        attentionScore.initialize(manager, dataType, new Shape(1, config.attentionSize()));
        embedding.initialize(manager, dataType, new Shape(1, vocabularySize));
        gates.initialize(manager, dataType, new Shape(1, config.embedSize() + c + h));
        output.initialize(manager, dataType, new Shape(1, h + c));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[1].get(0), inputShapes[1].get(1), vocabularySize)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        NDArray tokens = inputs.get(1);
        NDList encoded = encode(ps, images, training);
        NDList state = initialState(ps, encoded, training);
        NDList logits = new NDList();
        for (long t = 0; t < tokens.getShape().get(1); t++) {
            DecoderStep out = step(ps, encoded, state, tokens.get(new NDIndex(":, {}", t)), training);
            logits.add(out.logits());
            state = out.state();
        }
        return new NDList(NDArrays.stack(logits, 1));
    }

    /** (features (B, R, C), attention keys (B, R, A), mean feature (B, C)). */
    public NDList encode(ParameterStore ps, NDArray images, boolean training) {
        NDArray map = encoder.forward(ps, new NDList(images), training).singletonOrThrow();
        Shape s = map.getShape();
        NDArray features = map.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
        NDArray keys = attentionKey.forward(ps, new NDList(features), training).singletonOrThrow();
        return new NDList(features, keys, features.mean(new int[] {1}));
    }

    /** (h, c), each (B, H), from the mean feature. */
    public NDList initialState(ParameterStore ps, NDList encoded, boolean training) {
        NDList mean = new NDList(encoded.get(2));
        return new NDList(Activation.tanh(initHidden.forward(ps, mean, training).singletonOrThrow()),
                Activation.tanh(initCell.forward(ps, mean, training).singletonOrThrow()));
    }

    public DecoderStep step(ParameterStore ps, NDList encoded, NDList state, NDArray previous, boolean training) {
        NDArray features = encoded.get(0);
        NDArray keys = encoded.get(1);
        NDArray h = state.get(0);
        NDArray c = state.get(1);
        NDArray query = attentionQuery.forward(ps, new NDList(h), training).singletonOrThrow().expandDims(1);
        NDArray energy = Activation.tanh(keys.add(query));
        NDArray scores = attentionScore.forward(ps, new NDList(energy), training).singletonOrThrow().squeeze(2);
        NDArray weights = scores.softmax(1).expandDims(1);
        NDArray context = weights.matMul(features).squeeze(1);
        NDArray word = embedding.forward(ps, new NDList(previous.oneHot(vocabularySize)), training).singletonOrThrow();
        NDArray z = gates.forward(ps, new NDList(NDArrays.concat(new NDList(word, context, h), 1)), training)
                .singletonOrThrow();
        NDList parts = z.split(4, 1);
        NDArray cell = Activation.sigmoid(parts.get(1)).mul(c)
                .add(Activation.sigmoid(parts.get(0)).mul(Activation.tanh(parts.get(2))));
        NDArray hidden = Activation.sigmoid(parts.get(3)).mul(Activation.tanh(cell));
        NDArray logits = output.forward(ps, new NDList(NDArrays.concat(new NDList(hidden, context), 1)), training)
                .singletonOrThrow();
        return new DecoderStep(logits, new NDList(hidden, cell));
    }
}
