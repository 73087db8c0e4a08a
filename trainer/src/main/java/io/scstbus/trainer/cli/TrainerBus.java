package io.scstbus.trainer.cli;

import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.rewards.cli.VersionProvider;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.worker.ReferencesPublisher;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.trainer.bus.KafkaRewardBus;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.bus.RunInfos;
import io.scstbus.trainer.bus.StepRewards;
import io.scstbus.trainer.data.DataConfig;
import io.scstbus.trainer.embedded.EmbeddedWorkers;
import io.scstbus.trainer.synthetic.SyntheticConfig;
import io.scstbus.trainer.synthetic.SyntheticDatasetWriter;
import io.scstbus.trainer.train.RewardBusFactory;
import io.scstbus.trainer.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reward bus of a {@code bin/trainer} run: the given broker, or an embedded broker with in-process
 * worker groups serving every signal the run requests (training and validation). Either way the
 * dataset's references and the run's configuration are published first.
 */
final class TrainerBus {

    private TrainerBus() {
    }

    /**
     * @param bootstrap Kafka bootstrap servers with workers running, or null for the embedded bus
     */
    static RewardBusFactory factory(TrainConfig train, String bootstrap, Path kafkaProperties, Topics topics,
                                    Duration rewardDeadline) {
        List<String> signals = new ArrayList<>(train.scst().signals().keySet());
        train.eval().signals().stream().filter(s -> !signals.contains(s)).forEach(signals::add);
        String run = train.runId();
        String runYaml = train.toYaml();
        return data -> {
            List<AutoCloseable> resources = new ArrayList<>();
            CorpusStats stats = StandardSignals.corpusStats(data.references().values());
            StandardSignals available = new StandardSignals(stats, null);
            Map<String, Object> client;
            if (bootstrap == null) {
                EmbeddedWorkers embedded = EmbeddedWorkers.start(topics, signals, available);
                resources.add(embedded);
                client = embedded.clientConfig();
            } else {
                client = ClientConfig.base(bootstrap, kafkaProperties);
            }
            List<ImageReferences> refs = List.copyOf(data.references().values());
            new ReferencesPublisher(client, topics).publish(refs);
            new RunInfos(client, topics).publish(run, data.name(), runYaml, new VersionProvider().getVersion()[0]);
            return closing(new KafkaRewardBus(client, topics, run, rewardDeadline), resources);
        };
    }

    /** Generates a preset's synthetic dataset when its files are not there yet. */
    static void generateIfMissing(DataConfig data) throws IOException {
        if (data.synthetic() == null || Files.exists(Path.of(data.root(), "dataset.json"))) {
            return;
        }
        SyntheticConfig synthetic = SyntheticConfig.defaults().withImages(data.synthetic().images())
                .withSeed(data.synthetic().seed());
        new SyntheticDatasetWriter(1).write(synthetic, Path.of(data.root()), false, SyntheticDatasetWriter.Progress.NONE);
    }

    /** The bus, closing the embedded broker and workers after it. */
    private static RewardBus closing(RewardBus bus, List<AutoCloseable> resources) {
        return new RewardBus() {
            @Override
            public void publish(long step, List<RolloutGroup> groups) {
                bus.publish(step, groups);
            }

            @Override
            public StepRewards collect(long step) {
                return bus.collect(step);
            }

            @Override
            public void close() {
                bus.close();
                for (AutoCloseable r : resources) {
                    try {
                        r.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot stop the embedded bus", e);
                    }
                }
            }
        };
    }
}
