package io.scstbus.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private final Vocabulary vocabulary = Vocabulary.build(List.of(
            CaptionText.tokens("Two planes near a building ."),
            CaptionText.tokens("two planes on the runway"),
            CaptionText.tokens("a building")), 2);

    @Test
    void specialsComeFirstThenWordsByCountThenAlphabet() {
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", "a", "building", "planes", "two"), vocabulary.tokens());
    }

    @Test
    void rareWordsBecomeUnknownAndDecodingStopsAtEos() {
        int[] ids = vocabulary.encode(CaptionText.tokens("two planes on a runway"));
        assertArrayEquals(new int[] {7, 6, Vocabulary.UNK_ID, 4, Vocabulary.UNK_ID}, ids);
        assertEquals("two planes", vocabulary.decode(new int[] {7, 6, Vocabulary.EOS_ID, 4}));
        assertEquals(2, Vocabulary.lengthBeforeEos(new int[] {7, 6, Vocabulary.EOS_ID, 4}));
    }

    @Test
    void roundTripsThroughJson() throws IOException {
        assertEquals(vocabulary, Vocabulary.fromJson(vocabulary.toJson()));
    }
}
