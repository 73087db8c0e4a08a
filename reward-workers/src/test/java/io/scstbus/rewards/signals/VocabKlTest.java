package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabKlTest {

    private static final UnigramDistribution A_A_B = UnigramDistribution.of(List.of(List.of("a", "a", "b")));

    @Test
    void matchesTheHandComputedDivergence() {
        // P = {a: 2/3, b: 1/3}; window "a c": c is outside V = {a, b} and goes to the OOV bucket.
        // alpha = 1, |V| + 1 = 3, M = 2: q(a) = 2/5, q(b) = 1/5.
        // KL = 2/3 ln((2/3)/(2/5)) + 1/3 ln((1/3)/(1/5)) = ln(5/3)
        double kl = VocabKl.divergence(A_A_B, TokenWindow.of(10, List.of("a", "c")), 1.0);

        assertEquals(Math.log(5.0 / 3.0), kl, 1e-12);
    }

    @Test
    void emptyWindowIsFiniteAgainstAUniformQ() {
        // q = 1/3 everywhere: KL = 2/3 ln(2) + 1/3 ln(1) = 2/3 ln 2
        double kl = VocabKl.divergence(A_A_B, new TokenWindow(10), 1.0);

        assertEquals(2.0 / 3.0 * Math.log(2.0), kl, 1e-12);
    }

    @Test
    void windowWithTheReferenceDistributionIsNearZero() {
        double kl = VocabKl.divergence(A_A_B, TokenWindow.of(300, List.of("a", "a", "b").stream()
                .flatMap(t -> java.util.Collections.nCopies(100, t).stream()).toList()));

        assertTrue(kl >= 0 && kl < 1e-4, "KL " + kl);
    }

    @Test
    void windowMissingAReferenceWordStaysFinite() {
        double kl = VocabKl.divergence(A_A_B, TokenWindow.of(10_000, java.util.Collections.nCopies(10_000, "a")));

        // alpha = 0.01, |V| + 1 = 3, M = 10000: q(a) = 10000.01 / 10000.03, q(b) = 0.01 / 10000.03
        double expected = 2.0 / 3.0 * Math.log((2.0 / 3.0) / (10000.01 / 10000.03))
                + 1.0 / 3.0 * Math.log((1.0 / 3.0) / (0.01 / 10000.03));
        assertEquals(expected, kl, 1e-9);
        assertEquals(3.9687, kl, 1e-4);
    }

    @Test
    void windowDropsTheOldestTokensBeyondItsCapacity() {
        TokenWindow window = TokenWindow.of(3, List.of("a", "b", "c", "d"));

        assertEquals(List.of("b", "c", "d"), window.tokens());
        assertEquals(0, window.count("a"));
        assertEquals(3, window.total());
    }

    @Test
    void previewCountsEqualThoseAfterAppending() {
        TokenWindow window = TokenWindow.of(4, List.of("a", "b", "a"));
        List<String> more = List.of("c", "a", "b", "c", "d", "c");

        List<String> tokens = List.of("a", "b", "c", "d", "e");
        WindowCounts preview = window.preview(more);
        List<Integer> previewed = tokens.stream().map(preview::count).toList();
        long previewedTotal = preview.total();
        window.append(more);

        assertEquals(tokens.stream().map(window::count).toList(), previewed);
        assertEquals(window.total(), previewedTotal);
    }

    @Test
    void signalScoresTheCandidateAppendedToTheWindowWithoutChangingIt() {
        VocabKlSignal signal = new VocabKlSignal(new io.scstbus.rewards.text.WhitespaceTokenizer(), 10);
        TokenWindow window = TokenWindow.of(10, List.of("a"));

        SignalResult result = signal.score(signal.tokens("c"), window, A_A_B);

        assertEquals(VocabKl.divergence(A_A_B, TokenWindow.of(10, List.of("a", "c"))), result.value(), 1e-12);
        assertEquals(List.of("a"), window.tokens());
    }
}
