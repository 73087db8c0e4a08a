package io.scstbus.rewards.signals;

import java.util.List;
import java.util.Map;

/**
 * Why a signal scored what it did: objects matched, missed and invented, count errors (the wrong
 * counts), every counted object (right or wrong, for per-object means), extras.
 */
public record SignalDetails(
        List<String> matched,
        List<String> missing,
        List<String> hallucinated,
        List<CountError> countErrors,
        Map<String, Double> extra,
        List<CountError> counted) {

    public static final SignalDetails NONE = new SignalDetails(List.of(), List.of(), List.of(), List.of(), Map.of());

    public SignalDetails {
        matched = List.copyOf(matched);
        missing = List.copyOf(missing);
        hallucinated = List.copyOf(hallucinated);
        countErrors = List.copyOf(countErrors);
        extra = Map.copyOf(extra);
        counted = List.copyOf(counted);
    }

    /** Details without the list of counted objects. */
    public SignalDetails(List<String> matched, List<String> missing, List<String> hallucinated,
                         List<CountError> countErrors, Map<String, Double> extra) {
        this(matched, missing, hallucinated, countErrors, extra, List.of());
    }

    public static SignalDetails extra(Map<String, Double> extra) {
        return new SignalDetails(List.of(), List.of(), List.of(), List.of(), extra);
    }
}
