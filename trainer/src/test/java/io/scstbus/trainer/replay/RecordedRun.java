package io.scstbus.trainer.replay;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.rewards.worker.CaptionLimits;
import io.scstbus.rewards.worker.RewardWorker;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerConfig;
import io.scstbus.rewards.worker.WorkerGroup;
import io.scstbus.rewards.worker.WorkerMetrics;
import io.scstbus.trainer.cli.TrainerCommand;
import io.scstbus.trainer.data.CaptionData;
import io.scstbus.trainer.data.DatasetLoader;
import io.scstbus.trainer.data.ImageLoader;
import io.scstbus.trainer.synthetic.SyntheticConfig;
import io.scstbus.trainer.synthetic.SyntheticDatasetWriter;
import io.scstbus.trainer.train.TrainConfig;
import io.scstbus.trainer.train.TrainConfigYaml;
import io.scstbus.trainer.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * A real run to replay: the trainer's smoke preset, made tinier (fewer images, steps and samples, so
 * the class stays near a minute on 2 cores) and with running min-max normalisation (the stateful
 * case), run by {@code bin/trainer}'s command against a real broker and in-process reward workers
 * serving every signal the run requests, as separate worker processes would. The workers stay up
 * until {@link #close()}, for rescoring through them.
 */
record RecordedRun(String runId, String bootstrap, Topics topics, TrainingSummary summary, int steps,
                   int imagesPerStep, int samplesPerImage, List<RewardWorker> workers) implements AutoCloseable {

    static final String RUN_ID = "replay-smoke";

    static RecordedRun produce(EmbeddedKafkaBroker broker, Path dir) throws Exception {
        Topics topics = Topics.DEFAULT;
        broker.createBusTopics(topics, 6);
        Path data = dir.resolve("data");
        String yaml = """
                preset: smoke
                data:
                  name: synthetic
                  root: "%1$s"
                  annotations: [{path: "%1$s/dataset.json", format: AUTO}]
                  images: "%1$s/images"
                  counts: "%1$s/counts.json"
                  max_train_images: 24
                  max_val_images: 4
                  synthetic: {images: 30, seed: 7}
                ce: {epochs: 2}
                scst: {steps: 5, images_per_step: 4, samples_per_image: 3, normalization: MIN_MAX}
                eval: {max_images: 4}
                checkpoint: {dir: "%2$s", every_steps: 0}
                """.formatted(data, dir.resolve("ckpt"));
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, yaml);
        TrainConfig train = TrainConfigYaml.load(config, "smoke");
        CaptionData captions = generate(train);
        List<String> signals = new ArrayList<>(train.scst().signals().keySet());
        train.eval().signals().stream().filter(s -> !signals.contains(s)).forEach(signals::add);
        StandardSignals library = new StandardSignals(StandardSignals.corpusStats(captions.references().values()), null);
        Map<String, Object> client = ClientConfig.base(broker.bootstrapServers(), null);
        List<RewardWorker> workers = new ArrayList<>();
        boolean started = false;
        try {
            for (WorkerGroup group : WorkerGroup.values()) {
                List<String> served = group.signals().stream().filter(signals::contains).toList();
                if (served.isEmpty()) {
                    continue;
                }
                WorkerConfig wc = new WorkerConfig(client, group.label(), served, topics, 1, Duration.ofSeconds(2),
                        CaptionLimits.DEFAULT, 1 << 20, null, "test-" + group.label(), 0, Duration.ofSeconds(10));
                workers.add(new RewardWorker(wc, library.create(served), new WorkerMetrics()).start(Duration.ofSeconds(60)));
            }
            Path summaryFile = dir.resolve("summary.json");
            int rc = new CommandLine(new TrainerCommand()).execute("--config", config.toString(), "--preset", "smoke",
                    "--bootstrap", broker.bootstrapServers(), "--run-id", RUN_ID, "--seed", "1",
                    "--summary-json", summaryFile.toString(), "--reward-deadline", "PT30S");
            if (rc != 0) {
                throw new IllegalStateException("the trainer exited with " + rc);
            }
            TrainingSummary summary = TrainingSummary.fromJson(Files.readString(summaryFile));
            started = true;
            return new RecordedRun(RUN_ID, broker.bootstrapServers(), topics, summary, train.scst().steps(),
                    train.scst().imagesPerStep(), train.scst().samplesPerImage(), workers);
        } finally {
            if (!started) {
                workers.forEach(RewardWorker::close);
            }
        }
    }

    /** The synthetic dataset, written before the workers start: they need its corpus statistics. */
    private static CaptionData generate(TrainConfig train) throws IOException {
        SyntheticConfig synthetic = SyntheticConfig.defaults().withImages(train.data().synthetic().images())
                .withSeed(train.data().synthetic().seed());
        new SyntheticDatasetWriter(1).write(synthetic, Path.of(train.data().root()), false,
                SyntheticDatasetWriter.Progress.NONE);
        return new DatasetLoader(new ImageLoader(train.model().imageSize())).load(train.data());
    }

    @Override
    public void close() {
        workers.forEach(RewardWorker::close);
    }

    Map<String, Object> clientConfig() {
        return ClientConfig.base(bootstrap, null);
    }

    Replay replay() {
        return new Replay(clientConfig(), topics);
    }
}
