package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.ArrayList;
import java.util.List;

/**
 * Transformer decoder (pre-layer-norm): per layer masked self-attention over the caption so far,
 * cross-attention over the image features, and a 4x feed-forward block; learned positions. Width =
 * {@code hidden_size}, {@code layers} and {@code heads} from the config. Decoding one token at a time
 * keeps each layer's self-attention keys and values in the state (B, t, D), so a step costs one
 * position, not the whole prefix; teacher forcing runs all positions at once under a causal mask.
 *
 * <p>Scalars on the gradient path (the attention scale, the causal mask) are engine-owned arrays
 * (docs/captioner-interface.md).
 */
public final class TransformerDecoderBlock extends AbstractCaptionDecoder {

    private static final byte VERSION = 1;
    private static final float MASKED = -1e9f;

    private final int width;
    private final int heads;
    private final int positions;
    private final Linear memoryProjection;
    private final LayerNorm memoryNorm;
    private final Linear embedding;
    private final Parameter position;
    private final List<Layer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear output;

    public TransformerDecoderBlock(ModelConfig config, int vocabularySize) {
        super(VERSION, vocabularySize);
        this.width = config.hiddenSize();
        this.heads = config.heads();
        this.positions = config.maxLength() + 1;
        this.memoryProjection = addChildBlock("memory_projection", Linear.builder().setUnits(width).build());
        this.memoryNorm = addChildBlock("memory_norm", norm());
        this.embedding = addChildBlock("embedding", Linear.builder().setUnits(width).optBias(false).build());
        this.position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(positions, width)).optInitializer(new NormalInitializer(0.02f)).build());
        for (int l = 0; l < config.layers(); l++) {
            layers.add(new Layer(this, l));
        }
        this.finalNorm = addChildBlock("final_norm", norm());
        this.output = addChildBlock("output", Linear.builder().setUnits(vocabularySize).build());
    }

    private static LayerNorm norm() {
        return LayerNorm.builder().axis(2).build();
    }

    /** One decoder layer's blocks, registered as children of the decoder under {@code layerN_...}. */
    private static final class Layer {
        final LayerNorm selfNorm;
        final Linear selfQuery;
        final Linear selfKey;
        final Linear selfValue;
        final Linear selfOut;
        final LayerNorm crossNorm;
        final Linear crossQuery;
        final Linear crossKey;
        final Linear crossValue;
        final Linear crossOut;
        final LayerNorm feedNorm;
        final Linear feedIn;
        final Linear feedOut;

        Layer(TransformerDecoderBlock d, int index) {
            String p = "layer" + index + "_";
            int w = d.width;
            selfNorm = d.addChildBlock(p + "self_norm", norm());
            selfQuery = d.addChildBlock(p + "self_query", Linear.builder().setUnits(w).build());
            selfKey = d.addChildBlock(p + "self_key", Linear.builder().setUnits(w).build());
            selfValue = d.addChildBlock(p + "self_value", Linear.builder().setUnits(w).build());
            selfOut = d.addChildBlock(p + "self_out", Linear.builder().setUnits(w).build());
            crossNorm = d.addChildBlock(p + "cross_norm", norm());
            crossQuery = d.addChildBlock(p + "cross_query", Linear.builder().setUnits(w).build());
            crossKey = d.addChildBlock(p + "cross_key", Linear.builder().setUnits(w).build());
            crossValue = d.addChildBlock(p + "cross_value", Linear.builder().setUnits(w).build());
            crossOut = d.addChildBlock(p + "cross_out", Linear.builder().setUnits(w).build());
            feedNorm = d.addChildBlock(p + "feed_norm", norm());
            feedIn = d.addChildBlock(p + "feed_in", Linear.builder().setUnits(4L * w).build());
            feedOut = d.addChildBlock(p + "feed_out", Linear.builder().setUnits(w).build());
        }

        void initialize(NDManager manager, DataType type, int w) {
            Shape x = new Shape(1, 1, w);
            for (LayerNorm n : List.of(selfNorm, crossNorm, feedNorm)) {
                n.initialize(manager, type, x);
            }
            for (Linear l : List.of(selfQuery, selfKey, selfValue, selfOut, crossQuery, crossKey, crossValue,
                    crossOut, feedIn)) {
                l.initialize(manager, type, x);
            }
            feedOut.initialize(manager, type, new Shape(1, 1, 4L * w));
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long c = inputShapes[0].get(2);
        memoryProjection.initialize(manager, dataType, new Shape(1, 1, c));
        memoryNorm.initialize(manager, dataType, new Shape(1, 1, width));
        embedding.initialize(manager, dataType, new Shape(1, vocabularySize));
        for (Layer layer : layers) {
            layer.initialize(manager, dataType, width);
        }
        finalNorm.initialize(manager, dataType, new Shape(1, 1, width));
        output.initialize(manager, dataType, new Shape(1, 1, width));
    }

    /** Per layer the cross-attention keys and values of the projected features, each (B, R, D). */
    @Override
    public NDList prepare(ParameterStore ps, NDArray features, boolean training) {
        NDArray memory = forward(memoryNorm, ps, forward(memoryProjection, ps, features, training), training);
        NDList prepared = new NDList();
        for (Layer layer : layers) {
            prepared.add(forward(layer.crossKey, ps, memory, training));
            prepared.add(forward(layer.crossValue, ps, memory, training));
        }
        return prepared;
    }

    /** Per layer the self-attention keys and values of the positions so far, each (B, 0, D) at first. */
    @Override
    public NDList initialState(ParameterStore ps, NDList prepared, boolean training) {
        long batch = prepared.get(0).getShape().get(0);
        NDManager manager = prepared.get(0).getManager();
        NDList state = new NDList();
        for (int i = 0; i < 2 * layers.size(); i++) {
            state.add(manager.zeros(new Shape(batch, 0, width), prepared.get(0).getDataType()));
        }
        return state;
    }

    @Override
    public DecoderStep step(ParameterStore ps, NDList prepared, NDList state, NDArray previous, boolean training) {
        long t = state.get(0).getShape().get(1);
        if (t >= positions) {
            throw new IllegalStateException("the transformer decoder has " + positions + " positions (max_length + 1),"
                    + " asked for position " + t);
        }
        NDArray table = ps.getValue(position, previous.getDevice(), training);
        NDArray x = embed(ps, previous.expandDims(1), training).add(table.get(new NDIndex("{}:{}", t, t + 1)));
        NDList next = new NDList();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            NDArray normed = forward(layer.selfNorm, ps, x, training);
            NDArray keys = NDArrays.concat(new NDList(state.get(2 * l), forward(layer.selfKey, ps, normed, training)), 1);
            NDArray values = NDArrays.concat(new NDList(state.get(2 * l + 1),
                    forward(layer.selfValue, ps, normed, training)), 1);
            next.add(keys);
            next.add(values);
            x = x.add(forward(layer.selfOut, ps,
                    attend(forward(layer.selfQuery, ps, normed, training), keys, values, null), training));
            x = layerTail(ps, layer, prepared, l, x, training);
        }
        return new DecoderStep(logits(ps, x, training).squeeze(1), next);
    }

    @Override
    public NDArray teacherForced(ParameterStore ps, NDList prepared, NDArray inputs, boolean training) {
        long steps = inputs.getShape().get(1);
        NDArray table = ps.getValue(position, inputs.getDevice(), training);
        NDArray x = embed(ps, inputs, training).add(table.get(new NDIndex("0:{}", steps)));
        NDArray causal = causalMask(inputs.getManager(), (int) steps);
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            NDArray normed = forward(layer.selfNorm, ps, x, training);
            x = x.add(forward(layer.selfOut, ps, attend(forward(layer.selfQuery, ps, normed, training),
                    forward(layer.selfKey, ps, normed, training), forward(layer.selfValue, ps, normed, training),
                    causal), training));
            x = layerTail(ps, layer, prepared, l, x, training);
        }
        return logits(ps, x, training);
    }

    /** Cross-attention and feed-forward, each with its residual. */
    private NDArray layerTail(ParameterStore ps, Layer layer, NDList prepared, int l, NDArray x, boolean training) {
        NDArray query = forward(layer.crossQuery, ps, forward(layer.crossNorm, ps, x, training), training);
        x = x.add(forward(layer.crossOut, ps, attend(query, prepared.get(2 * l), prepared.get(2 * l + 1), null),
                training));
        NDArray hidden = Activation.gelu(forward(layer.feedIn, ps, forward(layer.feedNorm, ps, x, training), training));
        return x.add(forward(layer.feedOut, ps, hidden, training));
    }

    private NDArray embed(ParameterStore ps, NDArray tokens, boolean training) {
        return forward(embedding, ps, tokens.oneHot(vocabularySize), training);
    }

    private NDArray logits(ParameterStore ps, NDArray x, boolean training) {
        return forward(output, ps, forward(finalNorm, ps, x, training), training);
    }

    /** Multi-head scaled dot-product attention: queries (B, Tq, D) over keys, values (B, Tk, D). */
    private NDArray attend(NDArray queries, NDArray keys, NDArray values, NDArray mask) {
        long batch = queries.getShape().get(0);
        long tq = queries.getShape().get(1);
        int headSize = width / heads;
        NDArray scale = OwnedArrays.scalar(queries.getManager(), (float) (1.0 / Math.sqrt(headSize)));
        NDArray q = splitHeads(queries, headSize).mul(scale);
        NDArray k = splitHeads(keys, headSize);
        NDArray v = splitHeads(values, headSize);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray context = scores.softmax(3).matMul(v);
        return context.transpose(0, 2, 1, 3).reshape(batch, tq, width);
    }

    private NDArray splitHeads(NDArray x, int headSize) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, headSize).transpose(0, 2, 1, 3);
    }

    /** (T, T): 0 on and below the diagonal, a large negative number above it. */
    static NDArray causalMask(NDManager manager, int steps) {
        float[] mask = new float[steps * steps];
        for (int i = 0; i < steps; i++) {
            for (int j = i + 1; j < steps; j++) {
                mask[i * steps + j] = MASKED;
            }
        }
        return OwnedArrays.of(manager, mask, new Shape(steps, steps));
    }

    private static NDArray forward(ai.djl.nn.Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }
}
