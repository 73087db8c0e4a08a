package io.scstbus.trainer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The patterns replay warns about, on made-up step summaries. */
class WarningsTest {

    private static final List<String> SIGNALS = List.of("cider_d", "sde");
    private static final Map<String, Double> WEIGHTS = Map.of("cider_d", 1.0, "sde", 1.0);

    @Test
    void aSignalRisingWhileCiderFallsIsFlagged() {
        List<String> w = Warnings.of(steps(8, s -> 1.0 - 0.1 * s, s -> 0.1 * s, s -> 10, s -> 0.0), SIGNALS, WEIGHTS);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("sde rises")), w.toString());
    }

    @Test
    void steadySignalsRaiseNothing() {
        assertEquals(List.of(), Warnings.of(steps(8, s -> 0.5, s -> 0.5, s -> 10, s -> 0.0), SIGNALS, WEIGHTS));
    }

    @Test
    void captionLengthDriftIsFlagged() {
        List<String> w = Warnings.of(steps(8, s -> 0.5, s -> 0.5, s -> 10 + 2 * s, s -> 0.0), SIGNALS, WEIGHTS);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("caption length drifts")), w.toString());
    }

    @Test
    void risingRepetitionIsFlagged() {
        List<String> w = Warnings.of(steps(8, s -> 0.5, s -> 0.5, s -> 10, s -> 0.05 * s), SIGNALS, WEIGHTS);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("repetition rises")), w.toString());
    }

    @Test
    void aSignalStuckAtItsBoundIsFlagged() {
        List<String> w = Warnings.of(steps(8, s -> 0.5, s -> 1.0, s -> 10, s -> 0.0), SIGNALS, WEIGHTS);
        assertTrue(w.stream().anyMatch(x -> x.startsWith("sde is stuck at its bound 1.0")), w.toString());
    }

    private interface F {
        double at(int step);
    }

    /** Steps whose every candidate has exactly the given values (std 0, min = max = mean). */
    private static List<StepPoint> steps(int n, F cider, F sde, F tokens, F repetition) {
        List<StepPoint> out = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            Map<String, StepPoint.Stats> signals = new LinkedHashMap<>();
            signals.put("cider_d", exact(cider.at(s)));
            signals.put("sde", exact(sde.at(s)));
            out.add(new StepPoint(s, signals, exact(0), 0, 0, tokens.at(s), repetition.at(s), 0));
        }
        return out;
    }

    private static StepPoint.Stats exact(double v) {
        return new StepPoint.Stats(12, v, 0, v, v, 0, v, v);
    }
}
