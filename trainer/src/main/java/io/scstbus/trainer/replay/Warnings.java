package io.scstbus.trainer.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Patterns people look for in a run, from the per-step summaries: first quarter of the range against
 * the last quarter (at least {@link #MIN_STEPS} steps). A warning says what moved, from what, to what.
 */
final class Warnings {

    static final int MIN_STEPS = 4;
    static final String CIDER = "cider_d";

    /** Signals with a natural bound, for "stuck at its bound". */
    private static final Map<String, double[]> BOUNDS = Map.of(
            "sde", new double[] {0, 1}, "oversight", new double[] {0, 1}, "hallucination", new double[] {0, 1},
            "bleu_4", new double[] {0, 1}, "rouge_l", new double[] {0, 1}, "count_abs", new double[] {0, Double.NaN},
            CIDER, new double[] {0, Double.NaN});

    private Warnings() {
    }

    static List<String> of(List<StepPoint> points, List<String> signals, Map<String, Double> weights) {
        List<String> out = new ArrayList<>();
        if (points.size() < MIN_STEPS) {
            return out;
        }
        int q = Math.max(1, points.size() / 4);
        List<StepPoint> first = points.subList(0, q);
        List<StepPoint> last = points.subList(points.size() - q, points.size());
        String range = "steps " + first.get(0).step() + "-" + first.get(q - 1).step() + " vs "
                + last.get(0).step() + "-" + last.get(q - 1).step();
        if (signals.contains(CIDER)) {
            double c0 = mean(first, p -> p.signals().get(CIDER).mean());
            double c1 = mean(last, p -> p.signals().get(CIDER).mean());
            if (c1 < c0) {
                for (String s : signals) {
                    if (s.equals(CIDER) || weights.getOrDefault(s, 0.0) <= 0) {
                        continue;
                    }
                    double s0 = mean(first, p -> p.signals().get(s).mean());
                    double s1 = mean(last, p -> p.signals().get(s).mean());
                    if (s1 > s0 + 1e-9) {
                        out.add(String.format(Locale.ROOT, "%s rises (%.4f -> %.4f) while cider_d falls (%.4f -> %.4f), %s:"
                                + " the reward may be gamed", s, s0, s1, c0, c1, range));
                    }
                }
            }
        }
        double t0 = mean(first, StepPoint::meanTokens);
        double t1 = mean(last, StepPoint::meanTokens);
        if (t0 > 0 && Math.abs(t1 - t0) / t0 > 0.2) {
            out.add(String.format(Locale.ROOT, "caption length drifts %.1f -> %.1f tokens (%+.0f%%), %s", t0, t1,
                    100 * (t1 - t0) / t0, range));
        }
        double r0 = mean(first, StepPoint::meanRepetition);
        double r1 = mean(last, StepPoint::meanRepetition);
        if (r1 - r0 > 0.05) {
            out.add(String.format(Locale.ROOT, "repetition rises %.3f -> %.3f (share of repeated words per sampled caption), %s",
                    r0, r1, range));
        }
        for (String s : signals) {
            double[] bound = BOUNDS.get(s);
            if (bound == null) {
                continue;
            }
            for (double b : bound) {
                if (Double.isNaN(b)) {
                    continue;
                }
                boolean stuck = last.stream().allMatch(p -> {
                    StepPoint.Stats st = p.signals().get(s);
                    return st.n() > 0 && st.min() == b && st.max() == b;
                });
                if (stuck) {
                    out.add(String.format(Locale.ROOT, "%s is stuck at its bound %s in every candidate of steps %d-%d",
                            s, b, last.get(0).step(), last.get(q - 1).step()));
                }
            }
        }
        return out;
    }

    private static double mean(List<StepPoint> points, ToDoubleFunction<StepPoint> f) {
        return StepTable.mean(points.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray());
    }
}
