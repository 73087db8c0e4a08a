package io.scstbus.trainer.cli;

import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.rewards.cli.VersionProvider;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.worker.ReferencesPublisher;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.trainer.bus.KafkaRewardBus;
import io.scstbus.trainer.bus.RunInfos;
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
     * @param started   receives the embedded broker and workers once started; the caller closes them when the
     *                  run ends, however it ends (also when it fails between their start and the bus opening,
     *                  which the trainer would not know to close)
     */
    static RewardBusFactory factory(TrainConfig train, String bootstrap, Path kafkaProperties, Topics topics,
                                    Duration rewardDeadline, List<AutoCloseable> started) {
        // The embedded workers serve what training rewards and validation both request.
        List<String> signals = new ArrayList<>(train.scst().signals().keySet());
        train.eval().signals().stream().filter(s -> !signals.contains(s)).forEach(signals::add);
        String run = train.runId();
        String runYaml = train.toYaml();
        return data -> {
            CorpusStats stats = StandardSignals.corpusStats(data.references().values());
            StandardSignals available = new StandardSignals(stats, null);
            Map<String, Object> client;
            if (bootstrap == null) {
                EmbeddedWorkers embedded = EmbeddedWorkers.start(topics, signals, available);
                started.add(embedded);
                client = embedded.clientConfig();
            } else {
                client = ClientConfig.base(bootstrap, kafkaProperties);
            }
            List<ImageReferences> refs = List.copyOf(data.references().values());
            new ReferencesPublisher(client, topics).publish(refs);
            new RunInfos(client, topics).publish(run, data.name(), runYaml, new VersionProvider().getVersion()[0]);
            return new KafkaRewardBus(client, topics, run, rewardDeadline);
        };
    }

    /** Closes what {@link #factory} started, the first failure reported after all are closed. */
    static void close(List<AutoCloseable> started) throws Exception {
        Exception failure = null;
        for (AutoCloseable part : started) {
            try {
                part.close();
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
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
}
