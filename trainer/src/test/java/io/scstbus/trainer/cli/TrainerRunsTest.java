package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.WorkerProcess;
import io.scstbus.trainer.train.TrainConfigYaml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/trainer --preset smoke} end to end, as users run it: embedded, and against a broker with
 * reward workers in their own processes. Both must train the same run from the same rewards, and a
 * worker killed during SCST must cost no result.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TrainerRunsTest {

    private static final String CHEAP = "cider_d,length,bleu_4,rouge_l,repetition";
    private static final String SCENE_GRAPH = "sde,count_abs,count_signed,count_coverage,oversight,hallucination";
    /** The summary's fields that follow from the rewards: they match only if every reward matched. */
    private static final List<String> REWARD_FIELDS = List.of("sample_reward_first", "sample_reward_last",
            "greedy_reward_first", "greedy_reward_last", "val_after_ce", "val_after_scst");

    /**
     * Warnings Kafka logs of its own on a loaded machine, which no setting of ours avoids: a worker's
     * producer retrying a send while its previous transaction still completes (transactions v2), or the
     * broker answering a second request to create an internal topic (the offsets or the transaction log)
     * that the first request has just created, when the clients' first coordinator lookups meet.
     */
    private static final Pattern KAFKA_OWN_WARNINGS = Pattern.compile(" WARN (Sender - .* retrying .* Error: "
            + "CONCURRENT_TRANSACTIONS$"
            + "|DefaultAutoTopicCreationManager - Auto topic creation failed for __(transaction_state|consumer_offsets)"
            + " with error 'TOPIC_ALREADY_EXISTS')");

    @TempDir
    static Path dir;
    private static Path config;

    @BeforeAll
    static void writeConfig() throws Exception {
        config = dir.resolve("run.yaml");
        Files.writeString(config, "preset: smoke\n"
                + "data:\n  root: " + dir.resolve("data") + "\n"
                + "checkpoint:\n  dir: " + dir.resolve("checkpoints") + "\n");
    }

    @Test
    void separateWorkerProcessesGiveTheEmbeddedRunsRewards(EmbeddedKafkaBroker broker) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(new Tee(stderr, log), true, StandardCharsets.UTF_8));
        JsonNode embedded;
        try {
            embedded = train("same-embedded", null, "", "--checkpoint-dir", dir.resolve("ckpt").toString(),
                    "--report-dir", dir.resolve("reports").toString());
        } finally {
            System.setErr(stderr);
        }
        List<String> warnings = log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.matches("\\S+ (WARN|ERROR) .*") && !KAFKA_OWN_WARNINGS.matcher(line).find())
                .toList();
        assertEquals(List.of(), warnings, "a plain embedded run logs no warnings");
        // the container options (compose, the Kubernetes Job) put the checkpoints and the report where they say
        assertTrue(Files.list(dir.resolve("ckpt/same-embedded")).findAny().isPresent(), "no checkpoint in --checkpoint-dir");
        assertEquals(embedded, new ObjectMapper().readTree(dir.resolve("reports/same-embedded/summary.json").toFile()));
        assertEquals("same-embedded",
                TrainConfigYaml.parse(Files.readString(dir.resolve("reports/same-embedded/run.yaml"))).runId());
        broker.createBusTopics(Topics.withPrefix("same."), 6);
        JsonNode external;
        try (WorkerProcess cheap = worker(broker, "same.", CHEAP, "cheap", "c1");
             WorkerProcess graphs = worker(broker, "same.", SCENE_GRAPH, "scene-graph", "g1")) {
            external = train("same-external", broker.bootstrapServers(), "same.");
        }
        assertComplete(embedded);
        assertComplete(external);
        for (String field : REWARD_FIELDS) {
            assertEquals(embedded.get(field), external.get(field), field);
        }
    }

    @Test
    void killingAWorkerDuringScstLosesNoResult(EmbeddedKafkaBroker broker) throws Exception {
        Topics topics = Topics.withPrefix("kill.");
        broker.createBusTopics(topics, 6);
        ExecutorService trainer = Executors.newSingleThreadExecutor();
        try (WorkerProcess a = worker(broker, "kill.", CHEAP, "cheap", "a");
             WorkerProcess b = worker(broker, "kill.", CHEAP, "cheap", "b");
             WorkerProcess graphs = worker(broker, "kill.", SCENE_GRAPH, "scene-graph", "g1")) {
            Future<JsonNode> run = trainer.submit(() -> train("kill-run", broker.bootstrapServers(), "kill."));
            awaitScstResult(broker, topics, "kill-run", 3);
            a.kill();
            JsonNode summary = run.get(10, TimeUnit.MINUTES);
            assertComplete(summary);
            assertEquals(0, summary.get("duplicates_dropped").asLong(), "a result was applied twice");
        } finally {
            trainer.shutdownNow();
        }
    }

    private static void assertComplete(JsonNode summary) {
        assertEquals(10, summary.get("steps").asInt());
        assertEquals(0, summary.get("groups_dropped").asLong(), "groups dropped");
        assertTrue(summary.get("results_expected").asLong() > 0);
        assertEquals(summary.get("results_expected").asLong(), summary.get("results_received").asLong(),
                "results received");
        for (String phase : List.of("val_after_ce", "val_after_scst")) {
            summary.get(phase).fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) {
                    assertTrue(Double.isFinite(f.getValue().asDouble()), phase + "." + f.getKey());
                }
            });
            assertTrue(summary.get(phase).get("cider_d").isNumber(), phase + " has no cider_d");
        }
    }

    private static JsonNode train(String runId, String bootstrap, String topicPrefix, String... extra) throws Exception {
        Path summary = dir.resolve(runId + ".json");
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--seed", "1", "--run-id", runId,
                "--summary-json", summary.toString(), "--reward-deadline", "PT60S"));
        args.addAll(List.of(extra));
        if (bootstrap != null) {
            args.addAll(List.of("--bootstrap", bootstrap, "--topic-prefix", topicPrefix));
        }
        int exit = new CommandLine(new TrainerCommand()).execute(args.toArray(String[]::new));
        assertEquals(0, exit, "trainer exit code for " + runId);
        return new ObjectMapper().readTree(summary.toFile());
    }

    private static WorkerProcess worker(EmbeddedKafkaBroker broker, String prefix, String signals, String group,
                                        String id) throws Exception {
        return WorkerProcess.start("--bootstrap", broker.bootstrapServers(), "--signals", signals, "--group", group,
                "--worker-id", id, "--topic-prefix", prefix, "--session-timeout", "PT6S", "--grpc-port", "0",
                "--metrics-port", "0");
    }

    /** Blocks until the rewards topic holds a result of the run's SCST step {@code step}. */
    private static void awaitScstResult(EmbeddedKafkaBroker broker, Topics topics, String runId, long step) {
        Map<String, Object> config = new HashMap<>(ClientConfig.base(broker.bootstrapServers(), null));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var rewards = topics.rewardTopic();
        try (KafkaConsumer<RolloutKey, RewardResult> consumer = new KafkaConsumer<>(config,
                rewards.keySerde().deserializer(), rewards.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(rewards.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<RolloutKey, RewardResult> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key().getRunId().equals(runId) && record.key().getStep() >= step) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no result of " + runId + " step " + step + " within 5 minutes");
    }
}
