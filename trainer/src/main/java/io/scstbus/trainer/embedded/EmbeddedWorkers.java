package io.scstbus.trainer.embedded;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded default: a real single-node broker in this JVM and one in-process reward worker per
 * group (cheap signals, scene-graph signals), talking through real topics exactly as separate
 * processes would.
 */
public final class EmbeddedWorkers implements AutoCloseable {

    /** The two worker groups of the presets; only signals the run requests are started. */
    public static final Map<String, List<String>> GROUPS = Map.of(
            "cheap", List.of("cider_d", "length", "bleu_4", "rouge_l", "repetition"),
            "scene-graph", List.of("sde", "count_abs", "count_signed", "count_coverage", "oversight", "hallucination"));

    private final EmbeddedKafkaBroker broker;
    private final List<RewardWorker> workers = new ArrayList<>();

    private EmbeddedWorkers(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedWorkers start(Topics topics, List<String> signals, StandardSignals available) {
        EmbeddedWorkers embedded = new EmbeddedWorkers(EmbeddedKafkaBroker.startTemporary());
        try {
            embedded.broker.createBusTopics(topics, 6);
            for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
                List<String> served = group.getValue().stream().filter(signals::contains).toList();
                if (served.isEmpty()) {
                    continue;
                }
                WorkerConfig config = new WorkerConfig(embedded.clientConfig(), group.getKey(), served, topics, 1,
                        Duration.ofSeconds(5), CaptionLimits.DEFAULT, 1 << 20, null, "embedded-" + group.getKey(), 0,
                        Duration.ofSeconds(10));
                embedded.workers.add(new RewardWorker(config, available.create(served), new WorkerMetrics())
                        .start(Duration.ofSeconds(60)));
            }
            return embedded;
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    public Map<String, Object> clientConfig() {
        return ClientConfig.base(broker.bootstrapServers(), null);
    }

    @Override
    public void close() {
        workers.forEach(RewardWorker::close);
        broker.close();
    }
}
