package io.scstbus.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptionPairsTest {

    @Test
    void recordsAreImageInputAndShiftedTargetWithEosAndPadding() {
        Example e = new Example("x", "train", new byte[3 * 8 * 8], List.of("a b c", ""), List.of("a b c", ""), Map.of());
        Vocabulary v = new Vocabulary(List.of("<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "c"));
        CaptionPairs pairs = CaptionPairs.builder().setExamples(List.of(e)).setVocabulary(v).setImageSize(8)
                .setMaxLength(4).setSampling(1, false).build();
        assertEquals(1, pairs.size(), "empty captions are not trained on");
        try (NDManager manager = NDManager.newBaseManager()) {
            Record r = pairs.get(manager, 0);
            assertEquals(new Shape(3, 8, 8), r.getData().get(0).getShape());
            assertEquals(-1f, r.getData().get(0).getFloat(0, 0, 0), 1e-6);
            assertArrayEquals(new long[] {1, 4, 5, 6, 0}, r.getData().get(1).toLongArray());
            assertArrayEquals(new long[] {4, 5, 6, 2, 0}, r.getLabels().get(0).toLongArray());
        }
    }
}
