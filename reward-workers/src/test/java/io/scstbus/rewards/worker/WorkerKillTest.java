package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.cli.BenchWorkload;
import io.scstbus.rewards.cli.ChildWorker;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.signals.DeadlineScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two worker processes of one signal group share a 6-partition rollout topic; 2,000 rollout groups of
 * UCM images (real references) go through them and one is SIGKILLed in the middle. On a read_committed
 * consumer every group must then have exactly one result, equal to the library's in-process score.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerKillTest {

    private static final Topics TOPICS = Topics.withPrefix("kill-test.");
    private static final List<String> SIGNALS = List.of("cider_d", "length", "bleu_4", "rouge_l");
    private static final int STEPS = 80;
    private static final int IMAGES = 25;
    private static final int GROUPS = STEPS * IMAGES;

    private final Map<RolloutKey, RolloutGroup> published = new LinkedHashMap<>();
    private final Map<RolloutKey, List<RewardResult>> results = new HashMap<>();
    private Map<String, ImageReferences> references;
    private Path dfTable;
    private String killed;

    @BeforeAll
    void runTwoWorkersAndKillOne(EmbeddedKafkaBroker broker) throws Exception {
        broker.createBusTopics(TOPICS, 6);
        Map<String, Object> client = ClientConfig.base(broker.bootstrapServers(), null);
        BenchWorkload ucm = BenchWorkload.fromDataset(TestData.data("ucm/dataset.json"), "train", 5);
        new ReferencesPublisher(client, TOPICS).publish(ucm.references());
        references = new HashMap<>();
        ucm.references().forEach(r -> references.put(r.getImageId(), r));
        dfTable = Files.createTempFile("kill-test-df-", ".tsv");
        ucm.corpusStats().save(dfTable);
        for (int step = 1; step <= STEPS; step++) {
            for (int i = 0; i < IMAGES; i++) {
                RolloutGroup group = ucm.rollout("kill-run", step, i, 5, SIGNALS);
                published.put(group.getKey(), group);
            }
        }
        List<RolloutGroup> groups = new ArrayList<>(published.values());
        List<String> args = List.of("--bootstrap", broker.bootstrapServers(), "--signals", String.join(",", SIGNALS),
                "--group", "kill", "--topic-prefix", "kill-test.", "--session-timeout", "PT6S",
                "--signal-deadline", "PT60S", "--record-budget", "PT5S", "--df-table", dfTable.toString(), "--grpc-port", "0",
                "--metrics-port", "-1");
        List<String> jvm = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
        List<ChildWorker> started = startTogether(jvm, with(args, "--worker-id", "a"), with(args, "--worker-id", "b"));
        try (ChildWorker a = started.get(0);
             ChildWorker b = started.get(1);
             KafkaProducer<RolloutKey, RolloutGroup> producer = new KafkaProducer<>(client,
                     Topics.ROLLOUT_KEY_SERDE.serializer(), Topics.ROLLOUT_SERDE.serializer());
             KafkaConsumer<RolloutKey, RewardResult> consumer = committedReader(client)) {
            publish(producer, groups.subList(0, GROUPS / 2));
            readUntil(consumer, () -> results.size() >= GROUPS / 5, Duration.ofSeconds(60));
            publish(producer, groups.subList(GROUPS / 2, GROUPS));
            a.kill();
            killed = "a";
            readUntil(consumer, () -> results.size() >= GROUPS, Duration.ofSeconds(120));
            b.close();
            readToEnd(consumer);
        }
    }

    /** Starts both JVMs at once (start-up is most of a worker's first seconds); none is left behind on failure. */
    private static List<ChildWorker> startTogether(List<String> jvm, List<String> argsA, List<String> argsB)
            throws Exception {
        List<CompletableFuture<ChildWorker>> starts = new ArrayList<>();
        for (List<String> args : List.of(argsA, argsB)) {
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ChildWorker.start(jvm, Map.of(), args);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }));
        }
        try {
            return List.of(starts.get(0).join(), starts.get(1).join());
        } catch (CompletionException e) {
            for (CompletableFuture<ChildWorker> start : starts) {
                if (start.isDone() && !start.isCompletedExceptionally()) {
                    start.join().close();
                }
            }
            throw e;
        }
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private static void publish(KafkaProducer<RolloutKey, RolloutGroup> producer, List<RolloutGroup> groups) {
        for (RolloutGroup group : groups) {
            producer.send(new ProducerRecord<>(TOPICS.rollouts(), group.getKey(), group));
        }
        producer.flush();
    }

    private static KafkaConsumer<RolloutKey, RewardResult> committedReader(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<RolloutKey, RewardResult> consumer = new KafkaConsumer<>(config,
                Topics.ROLLOUT_KEY_SERDE.deserializer(), Topics.RESULT_SERDE.deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPICS.rewards()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private void readUntil(KafkaConsumer<RolloutKey, RewardResult> consumer, java.util.function.BooleanSupplier done,
                           Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            consume(consumer);
        }
    }

    private void readToEnd(KafkaConsumer<RolloutKey, RewardResult> consumer) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() < until) {
            consume(consumer);
        }
    }

    private void consume(KafkaConsumer<RolloutKey, RewardResult> consumer) {
        for (ConsumerRecord<RolloutKey, RewardResult> r : consumer.poll(Duration.ofMillis(200))) {
            results.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
    }

    @Test
    void everyGroupHasExactlyOneResult() {
        Set<String> wrong = new TreeSet<>();
        for (RolloutKey key : published.keySet()) {
            int count = results.getOrDefault(key, List.of()).size();
            if (count != 1) {
                wrong.add(Keys.describe(key) + " x" + count);
            }
        }
        assertEquals(Set.of(), wrong, "groups without exactly one result");
        assertEquals(published.keySet(), results.keySet());
    }

    @Test
    void bothInstancesScoredSoTheKilledOneOwnedPartitions() {
        Set<String> workers = new TreeSet<>();
        results.values().forEach(list -> list.forEach(r -> workers.add(r.getWorkerId())));
        assertEquals(Set.of("a", "b"), workers);
        assertEquals("a", killed);
    }

    @Test
    void resultsEqualTheLibrarysInProcessScores() throws Exception {
        StandardSignals signals = new StandardSignals(CorpusStats.load(dfTable), null);
        try (DeadlineScorer deadlines = new DeadlineScorer(Duration.ofSeconds(60))) {
            RolloutScorer scorer = new RolloutScorer(signals.create(SIGNALS), deadlines, CaptionLimits.DEFAULT,
                    "kill", "in-process", Clock.systemUTC());
            int compared = 0;
            for (Map.Entry<RolloutKey, List<RewardResult>> entry : results.entrySet()) {
                RolloutGroup group = published.get(entry.getKey());
                RewardResult expected = scorer.score(group, references.get(group.getKey().getImageId()));
                for (RewardResult actual : entry.getValue()) {
                    assertEquals(Normalized.of(expected), Normalized.of(actual), Keys.describe(entry.getKey()));
                    compared++;
                }
            }
            assertTrue(compared >= GROUPS, "compared " + compared + " results");
        }
    }
}
