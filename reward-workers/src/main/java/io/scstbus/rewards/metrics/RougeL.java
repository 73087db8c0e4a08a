package io.scstbus.rewards.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-L as pycocoevalcap's {@code Rouge} computes it: longest common subsequence with each reference,
 * precision and recall maximised over references independently, then the F-measure with beta 1.2.
 * A candidate or reference with no tokens has precision or recall 0.
 */
public final class RougeL {

    public static final double BETA = 1.2;

    /** The score with the precision and recall maxima it came from. */
    public record Result(double score, double precision, double recall) {
    }

    private RougeL() {
    }

    public static double score(List<String> candidate, List<List<String>> references) {
        return evaluate(candidate, references).score();
    }

    public static Result evaluate(List<String> candidate, List<List<String>> references) {
        Map<String, Integer> codes = new HashMap<>();
        int[] coded = encode(candidate, codes);
        List<int[]> codedReferences = new ArrayList<>(references.size());
        for (List<String> reference : references) {
            codedReferences.add(encode(reference, codes));
        }
        return evaluate(coded, codedReferences);
    }

    /** As {@link #evaluate(List, List)}, on tokens coded by {@link #encode} with one code table. */
    public static Result evaluate(int[] candidate, List<int[]> references) {
        double precision = 0.0;
        double recall = 0.0;
        int[] row = new int[candidate.length + 1];
        for (int[] reference : references) {
            int lcs = lcs(reference, candidate, row);
            if (candidate.length > 0) {
                precision = Math.max(precision, lcs / (double) candidate.length);
            }
            if (reference.length > 0) {
                recall = Math.max(recall, lcs / (double) reference.length);
            }
        }
        double betaSquared = BETA * BETA;
        double score = precision != 0 && recall != 0
                ? ((1 + betaSquared) * precision * recall) / (recall + betaSquared * precision)
                : 0.0;
        return new Result(score, precision, recall);
    }

    /**
     * Tokens as ints, equal exactly where the tokens are: the subsequence table then compares ints, not
     * strings. {@code codes} gives each new token the next code; sequences compared must share it.
     */
    public static int[] encode(List<String> tokens, Map<String, Integer> codes) {
        int[] coded = new int[tokens.size()];
        for (int i = 0; i < coded.length; i++) {
            coded[i] = codes.computeIfAbsent(tokens.get(i), token -> codes.size());
        }
        return coded;
    }

    /** Length of the longest common subsequence; {@code row} has room for {@code b.length + 1} cells. */
    static int lcs(int[] a, int[] b, int[] row) {
        int columns = b.length;
        Arrays.fill(row, 0, columns + 1, 0);
        for (int tokenA : a) {
            int diagonal = 0;
            for (int j = 1; j <= columns; j++) {
                int above = row[j];
                row[j] = tokenA == b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]);
                diagonal = above;
            }
        }
        return row[columns];
    }
}
