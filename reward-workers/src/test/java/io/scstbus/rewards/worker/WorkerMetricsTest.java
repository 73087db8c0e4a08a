package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final WorkerMetrics metrics = new WorkerMetrics(registry, "cheap");

    private static RewardResult scores(SignalScore... scores) {
        return RewardResult.newBuilder().addCandidates(CandidateScores.newBuilder().addAllScores(List.of(scores))).build();
    }

    private static SignalScore score(String signal, ScoreStatus status) {
        return SignalScore.newBuilder().setSignal(signal).setStatus(status).setLatencyMs(1).build();
    }

    private Set<String> signalTags() {
        Set<String> tags = new TreeSet<>();
        registry.getMeters().forEach(m -> {
            String signal = m.getId().getTag("signal");
            if (signal != null) {
                tags.add(signal);
            }
        });
        return tags;
    }

    @Test
    void requestedNamesThatAreNoSignalShareOneTag() {
        metrics.labelSignals(List.of("length"));
        for (int i = 0; i < 1_000; i++) {
            metrics.recordScored(scores(score("length", ScoreStatus.OK), score("made_up_" + i, ScoreStatus.INVALID)));
        }

        assertEquals(Set.of("length", WorkerMetrics.OTHER_SIGNAL), signalTags());
        assertEquals(1_000, registry.get("scstbus.signal.invalid").tag("signal", WorkerMetrics.OTHER_SIGNAL)
                .counter().count());
    }

    @Test
    void nonOkScoresAreCountedUnderTheirOwnStatus() {
        metrics.recordScored(scores(score("sde", ScoreStatus.INVALID)));
        metrics.recordScored(scores(score("sde", ScoreStatus.ERROR)));
        metrics.recordScored(scores(score("sde", ScoreStatus.ERROR)));

        assertEquals(1, registry.get("scstbus.signal.invalid").tags("signal", "sde", "status", "INVALID").counter().count());
        assertEquals(2, registry.get("scstbus.signal.invalid").tags("signal", "sde", "status", "ERROR").counter().count());
    }
}
