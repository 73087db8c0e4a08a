package io.scstbus.rewards.graph.factual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Beam search over next-token logits, with the semantics of Hugging Face {@code generate} for an
 * encoder-decoder model ({@code BeamSearchScorer}/{@code BeamHypotheses}, transformers 4.36 to 4.45, which
 * the vectorised 4.5x beam search reproduces):
 * <ul>
 *   <li>Every beam starts as the decoder start token; only the first beam is live at step one (the others
 *       start at -1e9), so the first step expands one beam.</li>
 *   <li>Each step scores every beam's tokens by beam score + log-softmax(logits), keeps the top
 *       {@code 2 * numBeams} candidates, turns an EOS candidate among the first {@code numBeams} into a
 *       finished hypothesis and continues with the first {@code numBeams} non-EOS candidates.</li>
 *   <li>A finished hypothesis scores {@code sum of log-probs (EOS included) / generatedLength^lengthPenalty},
 *       where the generated length counts EOS but not the start token; at most {@code numBeams} are kept.</li>
 *   <li>{@code maxLength} counts the start token, as HF's {@code max_length} does for encoder-decoders: at
 *       most {@code maxLength - 1} tokens are generated. Beams still open at the limit become hypotheses
 *       scored over their length.</li>
 *   <li>{@link EarlyStopping} is HF's {@code early_stopping}: {@code TRUE} stops once {@code numBeams}
 *       hypotheses are finished, {@code FALSE} stops when the best open beam, scored at the current length,
 *       cannot beat the worst kept hypothesis, {@code NEVER} only when no open beam can beat it at any length.</li>
 * </ul>
 * Scores are summed in double precision (HF uses float32; only exact near-ties could differ). Ties between
 * candidates go to the lower beam, then the lower token id. With {@code numBeams = 1} and
 * {@code EarlyStopping.TRUE} this is greedy decoding. Pure Java; a new search per sequence, so a
 * {@code BeamSearch} is immutable and thread-safe.
 */
public final class BeamSearch {

    /** HF's {@code early_stopping}: {@code True}, {@code False} or {@code "never"}. */
    public enum EarlyStopping {
        TRUE, FALSE, NEVER
    }

    /**
     * Decoding settings.
     *
     * @param numBeams      beams kept per step (FACTUAL: 5)
     * @param maxLength     longest output including the decoder start token (FACTUAL: 128)
     * @param lengthPenalty exponent of the length that divides a hypothesis' log-probability (HF default 1.0)
     * @param earlyStopping when the search stops (FACTUAL passes {@code early_stopping=True} with beams)
     */
    public record Settings(int numBeams, int maxLength, double lengthPenalty, EarlyStopping earlyStopping) {

        /** FACTUAL's decoding: {@code num_beams=5, max_length=128, early_stopping=True}, length penalty 1.0. */
        public static final Settings FACTUAL = new Settings(5, 128, 1.0, EarlyStopping.TRUE);

        public Settings {
            if (numBeams < 1) {
                throw new IllegalArgumentException("numBeams must be >= 1, got " + numBeams);
            }
            if (maxLength < 2) {
                throw new IllegalArgumentException("maxLength must be >= 2 (start token + one), got " + maxLength);
            }
            if (!Double.isFinite(lengthPenalty)) {
                throw new IllegalArgumentException("lengthPenalty must be finite, got " + lengthPenalty);
            }
            Objects.requireNonNull(earlyStopping, "earlyStopping");
        }
    }

    /** Computes the next-token logits for every beam; row {@code b} belongs to {@code sequences[b]}. */
    @FunctionalInterface
    public interface Step {
        /**
         * @param sequences one token sequence per beam, all the same length, each starting with the start token
         * @return {@code [sequences.length][vocabulary]} logits for the token after each sequence
         */
        float[][] nextTokenLogits(long[][] sequences);
    }

    /**
     * The best hypothesis.
     *
     * @param tokens   generated tokens, without the start token and without EOS
     * @param score    its length-normalised log-probability
     * @param finished true when it ended with EOS, false when it was cut at {@code maxLength}
     */
    public record Result(long[] tokens, double score, boolean finished) {
    }

    private static final double INACTIVE = -1e9;

    private final Settings settings;
    private final long startToken;
    private final long eosToken;

    public BeamSearch(Settings settings, long startToken, long eosToken) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.startToken = startToken;
        this.eosToken = eosToken;
    }

    public Settings settings() {
        return settings;
    }

    public Result search(Step step) {
        int n = settings.numBeams();
        long[][] sequences = new long[n][];
        double[] beamScores = new double[n];
        for (int b = 0; b < n; b++) {
            sequences[b] = new long[] {startToken};
            beamScores[b] = b == 0 ? 0.0 : INACTIVE;
        }
        Hypotheses hypotheses = new Hypotheses();
        boolean done = false;
        int length = 1;
        while (!done && length < settings.maxLength()) {
            float[][] logits = step.nextTokenLogits(sequences);
            List<Candidate> top = topCandidates(logits, beamScores, 2 * n);
            int curLen = length + 1;
            long[][] nextSequences = new long[n][];
            double[] nextScores = new double[n];
            int filled = 0;
            for (int rank = 0; rank < top.size() && filled < n; rank++) {
                Candidate c = top.get(rank);
                if (c.token == eosToken) {
                    if (rank < n) {
                        hypotheses.add(sequences[c.beam], c.score, curLen - 1, true);
                    }
                } else {
                    nextSequences[filled] = Arrays.copyOf(sequences[c.beam], length + 1);
                    nextSequences[filled][length] = c.token;
                    nextScores[filled] = c.score;
                    filled++;
                }
            }
            if (filled < n) {
                throw new IllegalStateException("beam search needs at least " + n + " non-EOS candidates per step; "
                        + "the vocabulary of " + logits[0].length + " tokens is too small");
            }
            done = hypotheses.isDone(top.get(0).score, curLen);
            sequences = nextSequences;
            beamScores = nextScores;
            length++;
        }
        if (!done) {
            for (int b = 0; b < n; b++) {
                hypotheses.add(sequences[b], beamScores[b], length - 1, false);
            }
        }
        Hypothesis best = hypotheses.best();
        return new Result(Arrays.copyOfRange(best.sequence, 1, best.sequence.length), best.score, best.finished);
    }

    private record Candidate(double score, int beam, long token, long order) {
    }

    /** The {@code k} best (beam, token) pairs by beam score + log-softmax, best first. */
    private static List<Candidate> topCandidates(float[][] logits, double[] beamScores, int k) {
        if (logits == null || logits.length != beamScores.length) {
            throw new IllegalStateException("step returned " + (logits == null ? "null" : logits.length + " rows")
                    + " for " + beamScores.length + " beams");
        }
        int vocabulary = logits[0].length;
        // min-heap of the best k: worst score first, then the later (beam, token) first
        PriorityQueue<Candidate> heap = new PriorityQueue<>(k + 1, (a, b) -> a.score != b.score
                ? Double.compare(a.score, b.score) : Long.compare(b.order, a.order));
        for (int beam = 0; beam < logits.length; beam++) {
            float[] row = logits[beam];
            if (row.length != vocabulary) {
                throw new IllegalStateException("step returned rows of " + row.length + " and " + vocabulary
                        + " logits");
            }
            double logZ = logSumExp(row);
            for (int token = 0; token < vocabulary; token++) {
                double score = beamScores[beam] + (row[token] - logZ);
                if (heap.size() < k) {
                    heap.add(new Candidate(score, beam, token, (long) beam * vocabulary + token));
                } else if (score > heap.peek().score) {
                    heap.poll();
                    heap.add(new Candidate(score, beam, token, (long) beam * vocabulary + token));
                }
            }
        }
        List<Candidate> best = new ArrayList<>(heap);
        best.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : Long.compare(a.order, b.order));
        return best;
    }

    private static double logSumExp(float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            throw new IllegalStateException("logits are all -inf or NaN");
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private record Hypothesis(double score, long[] sequence, boolean finished) {
    }

    /** HF's {@code BeamHypotheses}: the best {@code numBeams} hypotheses and the worst score among them. */
    private final class Hypotheses {

        private final List<Hypothesis> kept = new ArrayList<>();
        private double worstScore = 1e9;

        void add(long[] sequence, double sumLogProbs, int generatedLength, boolean finished) {
            double score = sumLogProbs / Math.pow(generatedLength, settings.lengthPenalty());
            if (kept.size() < settings.numBeams() || score > worstScore) {
                kept.add(new Hypothesis(score, sequence, finished));
                if (kept.size() > settings.numBeams()) {
                    int worst = 0;
                    for (int i = 1; i < kept.size(); i++) {
                        if (kept.get(i).score < kept.get(worst).score) {
                            worst = i;
                        }
                    }
                    kept.remove(worst);
                    worstScore = kept.stream().mapToDouble(Hypothesis::score).min().orElseThrow();
                } else {
                    worstScore = Math.min(score, worstScore);
                }
            }
        }

        boolean isDone(double bestSumLogProbs, int curLen) {
            if (kept.size() < settings.numBeams()) {
                return false;
            }
            double lp = settings.lengthPenalty();
            return switch (settings.earlyStopping()) {
                case TRUE -> true;
                case FALSE -> worstScore >= bestSumLogProbs / Math.pow(curLen - 1, lp);
                case NEVER -> worstScore >= bestSumLogProbs
                        / Math.pow(lp > 0 ? settings.maxLength() - 1 : curLen - 1, lp);
            };
        }

        /** The highest score; among equal scores the one kept last, as HF's sort-then-pop does. */
        Hypothesis best() {
            Hypothesis best = kept.get(0);
            for (Hypothesis h : kept) {
                if (h.score >= best.score) {
                    best = h;
                }
            }
            return best;
        }
    }
}
