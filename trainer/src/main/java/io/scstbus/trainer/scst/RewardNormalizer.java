package io.scstbus.trainer.scst;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a {@link RewardNormalization} to one step's values, signal by signal. Holds the running
 * min/max of {@link RewardNormalization#MIN_MAX}, which {@link #state()} and {@link #restore(Map)}
 * carry through checkpoints. Not thread-safe: one per training loop.
 */
public final class RewardNormalizer {

    private final RewardNormalization kind;
    private final Map<String, double[]> minMax = new LinkedHashMap<>();

    public RewardNormalizer(RewardNormalization kind) {
        this.kind = kind;
    }

    public RewardNormalization kind() {
        return kind;
    }

    /** Normalises every signal's values of one step; the arrays keep their order and length. */
    public Map<String, double[]> normalize(Map<String, double[]> valuesBySignal) {
        Map<String, double[]> out = new LinkedHashMap<>();
        valuesBySignal.forEach((signal, values) -> out.put(signal, normalize(signal, values)));
        return out;
    }

    double[] normalize(String signal, double[] values) {
        return switch (kind) {
            case NONE -> values.clone();
            case Z_SCORE -> zScore(values);
            case MIN_MAX -> runningMinMax(signal, values);
        };
    }

    private static double[] zScore(double[] values) {
        double[] out = new double[values.length];
        if (values.length == 0) {
            return out;
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / values.length);
        if (std < 1e-12) {
            return out;
        }
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] - mean) / std;
        }
        return out;
    }

    private double[] runningMinMax(String signal, double[] values) {
        double[] range = minMax.computeIfAbsent(signal, s -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        for (double v : values) {
            range[0] = Math.min(range[0], v);
            range[1] = Math.max(range[1], v);
        }
        double[] out = new double[values.length];
        double width = range[1] - range[0];
        if (width < 1e-12) {
            return out;
        }
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] - range[0]) / width;
        }
        return out;
    }

    /** Running min and max per signal, for checkpoints. Empty unless MIN_MAX. */
    public Map<String, double[]> state() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        minMax.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    public void restore(Map<String, double[]> state) {
        minMax.clear();
        state.forEach((k, v) -> {
            if (v.length != 2) {
                throw new IllegalArgumentException("normaliser state of '" + k + "' must be [min, max], got "
                        + v.length + " values");
            }
            minMax.put(k, v.clone());
        });
    }
}
