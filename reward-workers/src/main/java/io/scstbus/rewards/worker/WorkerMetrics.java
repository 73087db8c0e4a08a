package io.scstbus.rewards.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.SignalScore;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a worker reports about itself, as Micrometer meters (Prometheus names in brackets): records
 * in [scstbus_records_in_total], results out [scstbus_records_out_total], dead letters
 * [scstbus_dlq_total], per-signal latency [scstbus_signal_latency_seconds], timeouts
 * [scstbus_signal_timeouts_total], non-OK scores other than timeouts by their status
 * [scstbus_signal_invalid_total{status=INVALID|ERROR}] and reward values [scstbus_reward_value], all
 * tagged with the worker group.
 *
 * <p>The signal tag is a bounded set: the contract's signal names and those the worker serves; any other
 * name a rollout requested (answered INVALID by the group that answers unknown names) is tagged
 * {@value #OTHER_SIGNAL}, so rollout content cannot create meters without limit.
 */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final String group;
    private final Counter recordsIn;
    private final Counter resultsOut;
    private final Counter deadLetters;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> values = new ConcurrentHashMap<>();
    private final Map<String, Counter> timeouts = new ConcurrentHashMap<>();
    private final Map<String, Counter> invalid = new ConcurrentHashMap<>();
    private final Set<String> labelled = ConcurrentHashMap.newKeySet();

    /** The signal tag of every name that is neither a contract signal nor one the worker serves. */
    public static final String OTHER_SIGNAL = "unknown";

    public WorkerMetrics(MeterRegistry registry, String group) {
        this.registry = registry;
        this.group = group;
        this.labelled.addAll(StandardSignals.CONTRACT);
        this.recordsIn = Counter.builder("scstbus.records.in").tag("group", group)
                .description("rollout records read").register(registry);
        this.resultsOut = Counter.builder("scstbus.records.out").tag("group", group)
                .description("reward results written").register(registry);
        this.deadLetters = Counter.builder("scstbus.dlq").tag("group", group)
                .description("records sent to the dead-letter topic").register(registry);
    }

    /** Metrics kept in memory only, for tests and embedded runs. */
    public WorkerMetrics() {
        this(new SimpleMeterRegistry(), "default");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Signal names (the worker's own) tagged by name besides the contract's. */
    public void labelSignals(Collection<String> names) {
        labelled.addAll(names);
    }

    public void recordIn() {
        recordsIn.increment();
    }

    public void recordDeadLetter() {
        deadLetters.increment();
    }

    public void recordScored(RewardResult result) {
        resultsOut.increment();
        for (CandidateScores c : result.getCandidatesList()) {
            for (SignalScore s : c.getScoresList()) {
                onScore(s);
            }
        }
    }

    private void onScore(SignalScore score) {
        String signal = labelled.contains(score.getSignal()) ? score.getSignal() : OTHER_SIGNAL;
        latency.computeIfAbsent(signal, n -> Timer.builder("scstbus.signal.latency").tag("group", group)
                .tag("signal", n).publishPercentileHistogram().register(registry))
                .record(Duration.ofNanos((long) (score.getLatencyMs() * 1e6)));
        switch (score.getStatus()) {
            case OK -> values.computeIfAbsent(signal, n -> DistributionSummary.builder("scstbus.reward.value")
                    .tag("group", group).tag("signal", n).register(registry)).record(score.getValue());
            case TIMEOUT -> timeouts.computeIfAbsent(signal, n -> Counter.builder("scstbus.signal.timeouts")
                    .tag("group", group).tag("signal", n).register(registry)).increment();
            default -> invalid.computeIfAbsent(signal + "/" + score.getStatus().name(),
                    k -> Counter.builder("scstbus.signal.invalid").tag("group", group).tag("signal", signal)
                            .tag("status", score.getStatus().name()).register(registry))
                    .increment();
        }
    }

    public long recordsIn() {
        return (long) recordsIn.count();
    }

    public long resultsOut() {
        return (long) resultsOut.count();
    }

    public long deadLetters() {
        return (long) deadLetters.count();
    }

    public long timeouts() {
        return (long) timeouts.values().stream().mapToDouble(Counter::count).sum();
    }

}
