package io.scstbus.rewards.worker;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The standard worker groups and the contract signals each serves: the one list the bench, the trainer's
 * embedded workers and the deployment files (checked by the deploy tests) follow. Every name of
 * {@link StandardSignals#CONTRACT} is served by exactly one group, so a deployment that runs every group
 * answers every contract signal once. Adding a signal to a group is one edit here (and its deployment files'
 * {@code --signals}, which the deploy tests compare with this list).
 */
public enum WorkerGroup {

    /** CPU-cheap text signals: no parser, no model; fast start. */
    CHEAP("cheap", List.of("cider_d", "length", "bleu_4", "rouge_l", "repetition")),
    /** The object signals: every caption is parsed into a scene graph (rules, FACTUAL or a remote parser). */
    SCENE_GRAPH("scene-graph", StandardSignals.OBJECT_SIGNALS),
    /**
     * Signals that keep per-run state in a changelogged store (vocab_kl's token windows; docs/vocab-kl.md).
     * Opt-in: the deployment files do not run it, so the cheap group's throughput carries no store.
     */
    RUN_STATE("run-state", List.of("vocab_kl"));

    private final String label;
    private final List<String> signals;

    WorkerGroup(String label, List<String> signals) {
        this.label = label;
        this.signals = List.copyOf(signals);
    }

    /** The group's name, as in {@code --group} and in its Kafka Streams application id. */
    public String label() {
        return label;
    }

    /** The signals the group serves, in the order its {@code --signals} lists them. */
    public List<String> signals() {
        return signals;
    }

    /** The group named {@code label}; fails naming the known groups. */
    public static WorkerGroup of(String label) {
        return Arrays.stream(values()).filter(g -> g.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown worker group '" + label + "'; known groups: "
                        + labels()));
    }

    /** The group that serves {@code signal}, if it is a contract signal. */
    public static Optional<WorkerGroup> serving(String signal) {
        return Arrays.stream(values()).filter(g -> g.signals.contains(signal)).findFirst();
    }

    /** The groups' labels, comma-separated, for help texts and messages. */
    public static String labels() {
        return Arrays.stream(values()).map(WorkerGroup::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
