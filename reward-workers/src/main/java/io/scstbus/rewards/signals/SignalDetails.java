package io.scstbus.rewards.signals;

import java.util.List;
import java.util.Map;

/** Why a signal scored what it did: objects matched, missed and invented, count errors, extras. */
public record SignalDetails(
        List<String> matched,
        List<String> missing,
        List<String> hallucinated,
        List<CountError> countErrors,
        Map<String, Double> extra) {

    public static final SignalDetails NONE = new SignalDetails(List.of(), List.of(), List.of(), List.of(), Map.of());

    public SignalDetails {
        matched = List.copyOf(matched);
        missing = List.copyOf(missing);
        hallucinated = List.copyOf(hallucinated);
        countErrors = List.copyOf(countErrors);
        extra = Map.copyOf(extra);
    }

    public static SignalDetails extra(Map<String, Double> extra) {
        return new SignalDetails(List.of(), List.of(), List.of(), List.of(), extra);
    }
}
