package io.scstbus.rewards.graph.factual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.graph.factual.BeamSearch.EarlyStopping;
import io.scstbus.rewards.graph.factual.BeamSearch.Settings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BeamSearchTest {

    private static final int START = 0;
    private static final int EOS = 1;
    private static final int VOCAB = 12;

    /** A language model given as next-token probabilities per prefix (prefix = tokens after the start token). */
    private static final class TableModel implements BeamSearch.Step {

        private final Map<String, double[]> next = new HashMap<>();
        private final AtomicInteger calls = new AtomicInteger();

        TableModel after(String prefix, Object... tokenProbability) {
            double[] p = new double[VOCAB];
            double rest = 1.0;
            for (int i = 0; i < tokenProbability.length; i += 2) {
                p[(Integer) tokenProbability[i]] = (Double) tokenProbability[i + 1];
                rest -= (Double) tokenProbability[i + 1];
            }
            // whatever is left is spread thinly over the tokens not named
            long unnamed = Arrays.stream(p).filter(x -> x == 0).count();
            for (int t = 0; t < VOCAB; t++) {
                if (p[t] == 0) {
                    p[t] = Math.max(rest, 1e-6) / unnamed;
                }
            }
            next.put(prefix, p);
            return this;
        }

        @Override
        public float[][] nextTokenLogits(long[][] sequences) {
            calls.incrementAndGet();
            float[][] logits = new float[sequences.length][];
            for (int b = 0; b < sequences.length; b++) {
                String prefix = key(Arrays.copyOfRange(sequences[b], 1, sequences[b].length));
                double[] p = next.getOrDefault(prefix, uniformThenEos());
                logits[b] = new float[VOCAB];
                for (int t = 0; t < VOCAB; t++) {
                    logits[b][t] = (float) Math.log(p[t]);
                }
            }
            return logits;
        }

        private static double[] uniformThenEos() {
            double[] p = new double[VOCAB];
            Arrays.fill(p, 0.01 / (VOCAB - 1));
            p[EOS] = 0.99;
            return p;
        }

        static String key(long[] tokens) {
            return Arrays.toString(tokens);
        }
    }

    private static String prefix(long... tokens) {
        return TableModel.key(tokens);
    }

    /** Greedy takes 2 (0.55) and finds only weak continuations; 3 (0.45) then EOS (0.95) is more likely. */
    private static TableModel greedyTrap() {
        return new TableModel()
                .after(prefix(), 2, 0.55, 3, 0.45)
                .after(prefix(2), 4, 0.25, 5, 0.25, 6, 0.25, 7, 0.25)
                .after(prefix(2, 4), EOS, 1.0)
                .after(prefix(3), EOS, 0.95);
    }

    @Test
    void beamsFindTheMoreLikelySequenceGreedyMisses() {
        BeamSearch greedy = new BeamSearch(new Settings(1, 128, 1.0, EarlyStopping.TRUE), START, EOS);
        BeamSearch.Result trapped = greedy.search(greedyTrap());
        assertArrayEquals(new long[] {2, 4}, trapped.tokens());

        BeamSearch beams = new BeamSearch(Settings.FACTUAL, START, EOS);
        BeamSearch.Result best = beams.search(greedyTrap());
        assertArrayEquals(new long[] {3}, best.tokens());
        assertTrue(best.finished());
        // HF length normalisation: log-probabilities summed with EOS, divided by the tokens generated with EOS
        assertEquals((Math.log(0.45) + Math.log(0.95)) / 2, best.score(), 1e-6);
    }

    @Test
    void lengthPenaltyDividesByTheGeneratedLength() {
        // 2 then EOS: p = 0.5 * 0.6 over 2 tokens; 3 4 5 then EOS: p = 0.5 * 0.8^3, less likely, over 4 tokens
        TableModel model = new TableModel()
                .after(prefix(), 2, 0.5, 3, 0.5)
                .after(prefix(2), EOS, 0.6)
                .after(prefix(3), 4, 0.8)
                .after(prefix(3, 4), 5, 0.8)
                .after(prefix(3, 4, 5), EOS, 0.8);
        double shortScore = (Math.log(0.5) + Math.log(0.6)) / 2;
        double longScore = (Math.log(0.5) + 3 * Math.log(0.8)) / 4;
        assertTrue(longScore > shortScore);

        BeamSearch.Result normalised = new BeamSearch(new Settings(3, 128, 1.0, EarlyStopping.NEVER), START, EOS)
                .search(model);
        assertArrayEquals(new long[] {3, 4, 5}, normalised.tokens());
        assertEquals(longScore, normalised.score(), 1e-6);

        BeamSearch.Result raw = new BeamSearch(new Settings(3, 128, 0.0, EarlyStopping.NEVER), START, EOS)
                .search(model);
        assertArrayEquals(new long[] {2}, raw.tokens());
        assertEquals(Math.log(0.5) + Math.log(0.6), raw.score(), 1e-6);
    }

    @Test
    void earlyStoppingEndsOnceEnoughHypothesesAreFinished() {
        TableModel eager = greedyTrap();
        new BeamSearch(new Settings(2, 128, 1.0, EarlyStopping.TRUE), START, EOS).search(eager);
        TableModel patient = greedyTrap();
        new BeamSearch(new Settings(2, 128, 1.0, EarlyStopping.NEVER), START, EOS).search(patient);
        assertTrue(eager.calls.get() < patient.calls.get(), eager.calls + " vs " + patient.calls);
    }

    @Test
    void maxLengthCountsTheStartToken() {
        TableModel neverEnds = new TableModel();
        for (int length = 0; length < 10; length++) {
            long[] tokens = new long[length];
            Arrays.fill(tokens, 5);
            neverEnds.after(prefix(tokens), 5, 0.999999);
        }
        BeamSearch.Result cut = new BeamSearch(new Settings(1, 8, 1.0, EarlyStopping.TRUE), START, EOS)
                .search(neverEnds);
        assertArrayEquals(new long[] {5, 5, 5, 5, 5, 5, 5}, cut.tokens());
        assertFalse(cut.finished());
        assertEquals(7, neverEnds.calls.get());
    }

    @Test
    void eosRankedBelowTheBeamsDoesNotFinishAHypothesis() {
        // step two ranks: [2 EOS], [2 6], [3 EOS], [3 7]; with 2 beams, [3 EOS] (rank 2) is not a hypothesis,
        // so the search needs a third step; counting it would stop after two with [2]
        TableModel model = new TableModel()
                .after(prefix(), 2, 0.6, 3, 0.3)
                .after(prefix(2), EOS, 0.5, 6, 0.45)
                .after(prefix(3), EOS, 0.6, 7, 0.3);
        BeamSearch.Result best = new BeamSearch(new Settings(2, 128, 1.0, EarlyStopping.TRUE), START, EOS)
                .search(model);
        assertEquals(3, model.calls.get());
        assertArrayEquals(new long[] {2, 6}, best.tokens());
    }

    @Test
    void badStepOutputsAreReported() {
        BeamSearch search = new BeamSearch(Settings.FACTUAL, START, EOS);
        IllegalStateException rows = assertThrows(IllegalStateException.class,
                () -> search.search(sequences -> new float[1][VOCAB]));
        assertTrue(rows.getMessage().contains("1 rows for 5 beams"), rows.getMessage());
        IllegalStateException nan = assertThrows(IllegalStateException.class, () -> search.search(sequences -> {
            float[][] logits = new float[sequences.length][VOCAB];
            for (float[] row : logits) {
                Arrays.fill(row, Float.NaN);
            }
            return logits;
        }));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Settings(0, 128, 1.0, EarlyStopping.TRUE));
        assertThrows(IllegalArgumentException.class, () -> new Settings(5, 1, 1.0, EarlyStopping.TRUE));
        assertEquals(new Settings(5, 128, 1.0, EarlyStopping.TRUE), Settings.FACTUAL);
    }
}
