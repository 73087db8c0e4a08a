package io.scstbus.trainer.train;

import java.util.List;

/**
 * Validation: greedy captions of the val split scored by every listed signal.
 *
 * @param everyEpoch also evaluate after each CE epoch (always after CE and after SCST)
 * @param maxImages evaluate at most this many val images; 0 = all loaded
 * @param signals signals to report; through a registry, those it lacks are reported absent, through
 *     the bus every one listed must be served
 * @param batchSize images per greedy-decoding batch
 */
public record EvalConfig(boolean everyEpoch, int maxImages, List<String> signals, int batchSize) {

    /** The signals the run summary reports. */
    public static final List<String> SUMMARY_SIGNALS = List.of("cider_d", "bleu_4", "rouge_l", "sde", "count_abs",
            "count_signed", "oversight", "hallucination");

    /**
     * The signals the presets evaluate: the summary's and {@code count_coverage}, which shows whether a
     * lower {@code count_abs} came from better counts or from stating fewer numbers.
     */
    public static final List<String> DEFAULT_SIGNALS = List.of("cider_d", "bleu_4", "rouge_l", "sde", "count_abs",
            "count_signed", "count_coverage", "oversight", "hallucination");

    public EvalConfig {
        Checks.range("eval.max_images", maxImages, 0, 100_000_000);
        signals = signals == null ? DEFAULT_SIGNALS : List.copyOf(signals);
        Checks.range("eval.batch_size", batchSize, 1, 65_536);
    }
}
