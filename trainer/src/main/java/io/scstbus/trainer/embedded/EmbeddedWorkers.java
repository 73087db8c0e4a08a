package io.scstbus.trainer.embedded;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerGroup;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The embedded default: a real single-node broker in this JVM and one in-process reward worker per
 * standard group ({@link WorkerGroup}) that serves a signal the run requests, talking through real topics
 * exactly as separate processes would.
 */
public final class EmbeddedWorkers implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final List<RewardWorker> workers = new ArrayList<>();

    private EmbeddedWorkers(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedWorkers start(Topics topics, List<String> signals, StandardSignals available) {
        EmbeddedWorkers embedded = new EmbeddedWorkers(EmbeddedKafkaBroker.startTemporary());
        try {
            embedded.broker.createBusTopics(topics, 6);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
        Map<String, Object> client = embedded.clientConfig();
        return embedded.startGroups(group -> client, topics, signals, available);
    }

    /**
     * The worker groups in this process against a broker that runs elsewhere, each group with its own
     * client settings (on a secured bus: its own principal, {@code bin/broker --secure}'s
     * {@code worker-GROUP.properties}). The bus topics must exist.
     */
    public static EmbeddedWorkers startOn(Function<String, Map<String, Object>> clientOfGroup, Topics topics,
                                          List<String> signals, StandardSignals available) {
        return new EmbeddedWorkers(null).startGroups(clientOfGroup, topics, signals, available);
    }

    private EmbeddedWorkers startGroups(Function<String, Map<String, Object>> clientOfGroup, Topics topics,
                                        List<String> signals, StandardSignals available) {
        try {
            for (WorkerGroup group : WorkerGroup.values()) {
                List<String> served = group.signals().stream().filter(signals::contains).toList();
                if (served.isEmpty()) {
                    continue;
                }
                WorkerConfig config = new WorkerConfig(clientOfGroup.apply(group.label()), group.label(), served, topics, 1,
                        Duration.ofSeconds(5), CaptionLimits.DEFAULT, 1 << 20, null, "embedded-" + group.label(), 0,
                        Duration.ofSeconds(10));
                workers.add(new RewardWorker(config, available.create(served), new WorkerMetrics())
                        .start(Duration.ofSeconds(60)));
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Client settings of the embedded broker (not for {@link #startOn}, whose broker runs elsewhere). */
    public Map<String, Object> clientConfig() {
        if (broker == null) {
            throw new IllegalStateException("these workers run against another process's broker");
        }
        return ClientConfig.base(broker.bootstrapServers(), null);
    }

    @Override
    public void close() {
        workers.forEach(RewardWorker::close);
        if (broker != null) {
            broker.close();
        }
    }
}
