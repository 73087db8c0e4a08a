package io.scstbus.rewards.metrics;

import java.util.List;

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
        double precision = 0.0;
        double recall = 0.0;
        int[] row = new int[candidate.size() + 1];
        for (List<String> reference : references) {
            int lcs = lcs(reference, candidate, row);
            if (!candidate.isEmpty()) {
                precision = Math.max(precision, lcs / (double) candidate.size());
            }
            if (!reference.isEmpty()) {
                recall = Math.max(recall, lcs / (double) reference.size());
            }
        }
        double betaSquared = BETA * BETA;
        double score = precision != 0 && recall != 0
                ? ((1 + betaSquared) * precision * recall) / (recall + betaSquared * precision)
                : 0.0;
        return new Result(score, precision, recall);
    }

    /** Length of the longest common subsequence; {@code row} has room for {@code b.size() + 1} cells. */
    static int lcs(List<String> a, List<String> b, int[] row) {
        int columns = b.size();
        java.util.Arrays.fill(row, 0, columns + 1, 0);
        for (String tokenA : a) {
            int diagonal = 0;
            for (int j = 1; j <= columns; j++) {
                int above = row[j];
                row[j] = tokenA.equals(b.get(j - 1)) ? diagonal + 1 : Math.max(above, row[j - 1]);
                diagonal = above;
            }
        }
        return row[columns];
    }
}
