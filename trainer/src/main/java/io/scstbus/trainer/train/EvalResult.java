package io.scstbus.trainer.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy captions of the val images scored by each signal. Signals the scorer does not have are
 * absent from {@code signals}, never reported as 0.
 *
 * @param label when it was taken, e.g. {@code after CE}
 * @param examples the first few (image id, generated caption, first reference)
 */
public record EvalResult(String label, int images, Map<String, SignalStats> signals, List<List<String>> examples) {

    public EvalResult {
        signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
        examples = List.copyOf(examples);
    }

    /** The mean of a signal, or null when it was not scored or never OK. */
    public Double mean(String signal) {
        SignalStats s = signals.get(signal);
        return s == null || s.ok() == 0 ? null : s.mean();
    }
}
