package io.scstbus.trainer.sweep;

import io.scstbus.rewards.signals.RepetitionSignal;
import io.scstbus.rewards.text.NumberWords;
import io.scstbus.rewards.text.PtbTokenizer;
import io.scstbus.rewards.text.Tokenizer;
import java.util.List;
import java.util.Set;

/**
 * Shares of a list of captions that state a number (a number word or digits, not "a"), that say
 * many/several/some, and that repeat a content phrase ({@link RepetitionSignal#measure}). Tokens come
 * from the shared PTB tokenizer, as the signals see them.
 */
public record CaptionShares(int captions, double statesNumber, double vagueQuantity, double repeatsPhrase) {

    /** The vague quantities the count-gaming measurement looks for (BENCHMARKS.md). */
    static final Set<String> VAGUE = Set.of("many", "several", "some");

    private static final Tokenizer TOKENIZER = new PtbTokenizer();

    public static CaptionShares of(List<String> captions) {
        int number = 0;
        int vague = 0;
        int repeats = 0;
        for (String caption : captions) {
            List<String> tokens = TOKENIZER.tokenize(caption);
            if (tokens.stream().anyMatch(t -> NumberWords.value(t) != null)) {
                number++;
            }
            if (tokens.stream().anyMatch(VAGUE::contains)) {
                vague++;
            }
            if (RepetitionSignal.measure(tokens).repeats()) {
                repeats++;
            }
        }
        int n = captions.size();
        return n == 0 ? new CaptionShares(0, Double.NaN, Double.NaN, Double.NaN)
                : new CaptionShares(n, (double) number / n, (double) vague / n, (double) repeats / n);
    }
}
