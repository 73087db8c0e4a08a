package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * Additive-attention LSTM decoder (Show, Attend and Tell): each step attends over the features with
 * the previous hidden state, runs an LSTM cell on [word embedding; context] and maps [h; context] to
 * logits. The state starts from the mean feature.
 */
public final class LstmDecoderBlock extends AbstractCaptionDecoder {

    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final Linear initHidden;
    private final Linear initCell;
    private final Linear attentionKey;
    private final Linear attentionQuery;
    private final Linear attentionScore;
    private final Linear embedding;
    private final Linear gates;
    private final Linear output;

    public LstmDecoderBlock(ModelConfig config, int vocabularySize) {
        super(VERSION, vocabularySize);
        this.config = config;
        int h = config.hiddenSize();
        int a = config.attentionSize();
        this.initHidden = addChildBlock("init_hidden", Linear.builder().setUnits(h).build());
        this.initCell = addChildBlock("init_cell", Linear.builder().setUnits(h).build());
        this.attentionKey = addChildBlock("attention_key", Linear.builder().setUnits(a).build());
        this.attentionQuery = addChildBlock("attention_query", Linear.builder().setUnits(a).optBias(false).build());
        this.attentionScore = addChildBlock("attention_score", Linear.builder().setUnits(1).optBias(false).build());
        this.embedding = addChildBlock("embedding", Linear.builder().setUnits(config.embedSize()).optBias(false).build());
        this.gates = addChildBlock("gates", Linear.builder().setUnits(4L * h).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(vocabularySize).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long c = inputShapes[0].get(2);
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

    /** (features (B, R, C), attention keys (B, R, A), mean feature (B, C)). */
    @Override
    public NDList prepare(ParameterStore ps, NDArray features, boolean training) {
        NDArray keys = attentionKey.forward(ps, new NDList(features), training).singletonOrThrow();
        return new NDList(features, keys, features.mean(new int[] {1}));
    }

    /** (h, c), each (B, H), from the mean feature. */
    @Override
    public NDList initialState(ParameterStore ps, NDList prepared, boolean training) {
        NDList mean = new NDList(prepared.get(2));
        return new NDList(Activation.tanh(initHidden.forward(ps, mean, training).singletonOrThrow()),
                Activation.tanh(initCell.forward(ps, mean, training).singletonOrThrow()));
    }

    @Override
    public DecoderStep step(ParameterStore ps, NDList prepared, NDList state, NDArray previous, boolean training) {
        NDArray features = prepared.get(0);
        NDArray keys = prepared.get(1);
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
