package io.scstbus.trainer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What every caption decoder block does the same way: its output shape (batch, tokens, vocabulary)
 * and its forward pass, which is teacher forcing over the prepared image features.
 */
abstract class AbstractCaptionDecoder extends AbstractBlock implements CaptionDecoder {

    protected final int vocabularySize;

    protected AbstractCaptionDecoder(byte version, int vocabularySize) {
        super(version);
        this.vocabularySize = vocabularySize;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[1].get(0), inputShapes[1].get(1), vocabularySize)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(teacherForced(ps, prepare(ps, inputs.get(0), training), inputs.get(1), training));
    }
}
