package io.scstbus.trainer.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cross-entropy training set: one record per (image, non-empty caption). Data is the image,
 * shape (3, S, S) float in [-1, 1], and the decoder input {@code <bos> w1 .. wn <pad>..}, shape (T,)
 * int64; the label is {@code w1 .. wn <eos> <pad>..}, shape (T,) int64, with T = max length + 1.
 * Captions longer than the max length are cut (and still end in {@code <eos>}).
 */
public final class CaptionPairs extends RandomAccessDataset {

    private final List<Example> examples;
    private final List<int[]> pairs;
    private final List<int[]> encoded;
    private final int imageSize;
    private final int steps;

    private CaptionPairs(Builder builder) {
        super(builder);
        this.examples = List.copyOf(builder.examples);
        this.imageSize = builder.imageSize;
        this.steps = builder.maxLength + 1;
        this.pairs = new ArrayList<>();
        this.encoded = new ArrayList<>();
        for (int e = 0; e < examples.size(); e++) {
            for (String caption : examples.get(e).trainableCaptions()) {
                pairs.add(new int[] {e});
                encoded.add(builder.vocabulary.encode(CaptionText.tokens(caption)));
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Decoder steps per record: max length + 1. */
    public int steps() {
        return steps;
    }

    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        Example example = examples.get(pairs.get(i)[0]);
        int[] words = encoded.get(i);
        int n = Math.min(words.length, steps - 1);
        long[] input = new long[steps];
        long[] target = new long[steps];
        input[0] = Vocabulary.BOS_ID;
        for (int t = 0; t < n; t++) {
            input[t + 1] = words[t];
            target[t] = words[t];
        }
        target[n] = Vocabulary.EOS_ID;
        NDList data = new NDList(
                manager.create(ImageLoader.toFloats(example.pixels()), new Shape(3, imageSize, imageSize)),
                manager.create(input).toType(DataType.INT64, false));
        return new Record(data, new NDList(manager.create(target)));
    }

    @Override
    protected long availableSize() {
        return pairs.size();
    }

    @Override
    public void prepare(Progress progress) {
        // everything is in memory already
    }

    /** Builds a {@link CaptionPairs}: {@code setExamples}, {@code setVocabulary}, {@code setImageSize},
     * {@code setMaxLength} are required, plus the sampling every DJL dataset needs. */
    public static final class Builder extends BaseBuilder<Builder> {

        private List<Example> examples;
        private Vocabulary vocabulary;
        private int imageSize;
        private int maxLength;

        public Builder setExamples(List<Example> value) {
            this.examples = value;
            return this;
        }

        public Builder setVocabulary(Vocabulary value) {
            this.vocabulary = value;
            return this;
        }

        public Builder setImageSize(int value) {
            this.imageSize = value;
            return this;
        }

        public Builder setMaxLength(int value) {
            this.maxLength = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public CaptionPairs build() {
            Objects.requireNonNull(examples, "examples");
            Objects.requireNonNull(vocabulary, "vocabulary");
            if (imageSize < 1 || maxLength < 1) {
                throw new IllegalArgumentException("image size and max length must be set, got "
                        + imageSize + " and " + maxLength);
            }
            return new CaptionPairs(this);
        }
    }
}
