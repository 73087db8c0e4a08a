package io.scstbus.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviours of the metric facades that vectors.json does not isolate. */
class MetricSemanticsTest {

    private static List<String> words(String text) {
        return WhitespaceTokenizer.split(text);
    }

    private static final List<String> CANDIDATE = words("many planes are parked near a terminal");
    private static final List<List<String>> REFERENCES = List.of(
            words("many planes are parked next to a long building"),
            words("some planes are near the terminal of an airport"));

    @Test
    void bleuClosestReferenceLengthTiesGoToTheShorter() {
        BleuStats stats = Bleu.stats(new io.scstbus.rewards.text.NGramCounter().count(words("a b c d")),
                List.of(new io.scstbus.rewards.text.NGramCounter().count(words("a b c d e")),
                        new io.scstbus.rewards.text.NGramCounter().count(words("a b c"))));
        assertEquals(3, stats.referenceLength());
    }

    @Test
    void bleuOfAnEmptyCandidateIsZero() {
        assertArrayEquals(new double[4], Bleu.score(List.of(), REFERENCES));
    }

    @Test
    void rougeLOfAnEmptyCandidateIsZero() {
        assertEquals(0.0, RougeL.score(List.of(), REFERENCES));
    }

    @Test
    void rougeLTakesPrecisionAndRecallMaximaIndependently() {
        RougeL.Result result = RougeL.evaluate(words("a b"), List.of(words("a b c d e f"), words("a")));
        assertEquals(1.0, result.precision());
        assertEquals(1.0, result.recall());
    }

    @Test
    void ciderOfASetOfOneIsZero() {
        assertArrayEquals(new double[] {0.0}, Cider.scores(List.of(CANDIDATE), List.of(REFERENCES)));
    }

    @Test
    void ciderOfAnItemDependsOnItsSetButCiderDDoesNot() {
        List<String> other = words("a river flows through the forest");
        List<List<String>> otherRefs = List.of(words("a river in a forest"));
        double alone = Cider.scores(List.of(CANDIDATE, CANDIDATE), List.of(REFERENCES, otherRefs))[0];
        double withOther = Cider.scores(List.of(CANDIDATE, other), List.of(REFERENCES, List.of(words("planes"))))[0];
        assertTrue(alone != withOther);

        CorpusStats stats = CorpusStats.builder().addDocument(REFERENCES).addDocument(otherRefs).build();
        CiderD ciderD = new CiderD(stats);
        assertEquals(ciderD.score(CANDIDATE, REFERENCES), ciderD.score(CANDIDATE, REFERENCES));
    }

    @Test
    void ciderDOfACaptionIdenticalToAllReferencesIsTen() {
        CorpusStats stats = CorpusStats.builder().addDocument(REFERENCES)
                .addDocument(List.of(words("a river in a forest"))).build();
        double score = new CiderD(stats).score(CANDIDATE, List.of(CANDIDATE, CANDIDATE));
        assertEquals(10.0, score, 1e-12);
    }

    @Test
    void ciderDWithoutReferencesIsZero() {
        CorpusStats stats = CorpusStats.builder().addDocument(REFERENCES).build();
        assertEquals(0.0, new CiderD(stats).score(CANDIDATE, List.of()));
    }

    @Test
    void ciderDOrdersAverageToTheScore() {
        CorpusStats stats = CorpusStats.builder().addDocument(REFERENCES)
                .addDocument(List.of(words("a river in a forest"))).build();
        CiderD.Result result = new CiderD(stats).evaluate(CANDIDATE, REFERENCES);
        double[] orders = result.byOrder();
        assertEquals(result.score(), (orders[0] + orders[1] + orders[2] + orders[3]) / 4, 1e-12);
    }

    @Test
    void numpyMeanSumsPairwise() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1 * (i % 7);
        }
        double exact = java.util.stream.DoubleStream.of(values).sum() / values.length;
        assertEquals(exact, Means.numpyMean(values), 1e-12);
    }
}
