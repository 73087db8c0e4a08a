package io.scstbus.trainer.cli;

import io.scstbus.proto.Topics;
import io.scstbus.rewards.cli.VersionProvider;
import io.scstbus.trainer.train.CheckpointConfig;
import io.scstbus.trainer.train.ScstTrainer;
import io.scstbus.trainer.train.TrainConfig;
import io.scstbus.trainer.train.TrainConfigYaml;
import io.scstbus.trainer.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/trainer}: cross-entropy then SCST with rewards from the bus. Without {@code --bootstrap}
 * it starts a real broker and the reward workers in this process (the embedded default).
 */
@Command(name = "trainer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Trains a captioner with cross-entropy, then SCST with rewards computed by reward workers",
            "over Kafka. Without --bootstrap: embedded broker, in-process workers, synthetic dataset."},
        subcommands = {CommandLine.HelpCommand.class, EvaluateCommand.class, GenerateCommand.class,
            CaptionCommand.class, SweepCommand.class})
public final class TrainerCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers with reward workers running; absent = embedded broker and workers.")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML run configuration; its keys override the preset.")
    Path config;

    @Option(names = "--preset", defaultValue = "demo",
            description = "smoke (< 2 min, for tests) or demo (< 10 min) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", description = "Random seed for data generation, initialisation and sampling.")
    Long seed;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id on the bus (default: a new random id).")
    String runId;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the run summary as JSON here.")
    Path summaryJson;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = {"Checkpoints go under DIR/<run id>/ (the config's checkpoint.dir; the preset's schedule",
                "and keep count stay). Default: the config's checkpoint.dir."})
    Path checkpointDir;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = {"Also write the run's summary.json and its configuration (run.yaml) to DIR/<run id>/,",
                "e.g. a volume of a container. Default: none."})
    Path reportDir;

    @Option(names = "--reward-deadline", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for a step's rewards before re-requesting once (default: ${DEFAULT-VALUE}).")
    Duration rewardDeadline;

    @Option(names = "--max-staleness", paramLabel = "0|1",
            description = {"1: sample and publish step t+1 while step t's rewards are computed (the samples are then one",
                "update old); 0: wait for each step's rewards before sampling the next. Default: the config's",
                "scst.max_staleness (0)."})
    Integer maxStaleness;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Extra Kafka client properties (security); SCSTBUS_KAFKA_* environment variables apply too.")
    Path kafkaProperties;

    @Option(names = "--topic-prefix", defaultValue = "", paramLabel = "PREFIX",
            description = "Prefix of the bus topic names (default: none).")
    String topicPrefix;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        TrainConfig train = config != null ? TrainConfigYaml.load(config, preset) : TrainConfig.preset(preset);
        if (seed != null) {
            train = train.withSeed(seed);
        }
        if (maxStaleness != null) {
            train = train.withScst(train.scst().withMaxStaleness(maxStaleness));
        }
        if (checkpointDir != null) {
            CheckpointConfig c = train.checkpoint();
            train = train.withCheckpoint(new CheckpointConfig(checkpointDir.toString(), c.everySteps(), c.keep(), c.resume()));
        }
        train = train.withRunId(runId != null ? runId : "run-" + UUID.randomUUID().toString().substring(0, 8));
        Topics topics = topicPrefix.isEmpty() ? Topics.DEFAULT : Topics.withPrefix(topicPrefix);
        List<AutoCloseable> embedded = new ArrayList<>();
        String run = train.runId();
        String runYaml = train.toYaml();
        ai.djl.Device chosen;
        try {
            chosen = device.resolve(System.err::println);
        } catch (IllegalArgumentException e) {
            System.err.println("trainer: " + e.getMessage());
            return 2;
        }
        ScstTrainer.Builder builder = ScstTrainer.builder(train)
                .optDevice(chosen)
                .optDataPreparer(TrainerBus::generateIfMissing)
                .setRewardBus(TrainerBus.factory(train, bootstrap, kafkaProperties, topics, rewardDeadline, embedded));
        TrainingSummary summary;
        try {
            summary = builder.build().run();
        } finally {
            TrainerBus.close(embedded);
        }
        // the progress reporter has printed the summary table already
        if (summaryJson != null) {
            summary.writeJson(summaryJson);
        }
        if (reportDir != null) {
            Path runReports = reportDir.resolve(run);
            summary.writeJson(runReports.resolve("summary.json"));
            Files.writeString(runReports.resolve("run.yaml"), runYaml);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainerCommand()).execute(args));
    }
}
