package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.signals.TokenWindow;
import io.scstbus.rewards.signals.UnigramDistribution;
import io.scstbus.rewards.signals.VocabKlSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * vocab_kl's windows live in a changelogged state store: a worker that is stopped, loses its local
 * state and starts again gives the same values as one that ran through, for the same records in the
 * same order. RSICD training references from the shared data; captions of validation images as rollouts.
 */
@ExtendWith(KafkaBrokerExtension.class)
class VocabKlRestartTest {

    private static final Topics TOPICS = Topics.withPrefix("vocab-kl.");
    private static final int WINDOW = 100;
    private static final int GROUPS = 40;
    private static final String RUN = "run-vkl";

    private static Map<String, Object> client;
    private static List<RolloutGroup> rollouts;
    private static List<ImageReferences> training;

    @BeforeAll
    static void setUp(EmbeddedKafkaBroker broker) throws IOException {
        broker.createBusTopics(TOPICS, 2);
        client = ClientConfig.base(broker.bootstrapServers(), null);
        CaptionDataset rsicd = CaptionDataset.read(TestData.data("rsicd/rsicd_5caps.json"));
        training = rsicd.images("train").subList(0, 300).stream().map(image -> ImageReferences.newBuilder()
                .setDataset("test").setImageId(image.imageId()).setSplit("train").addAllCaptions(image.captions()).build())
                .toList();
        new ReferencesPublisher(client, TOPICS).publish(training);
        List<ImageEntry> val = rsicd.images("val");
        rollouts = new ArrayList<>();
        for (int step = 0; step < GROUPS; step++) {
            List<String> captions = val.get(step).captions();
            // every rollout names a training image, so it has references; the captions come from validation
            rollouts.add(Rollouts.group(RUN, step, training.get(step).getImageId(), captions.subList(0, 2),
                    captions.get(2), List.of("vocab_kl")));
        }
    }

    private static RewardWorker start(String group, Path stateDir) {
        WorkerConfig config = new WorkerConfig(client, group, List.of("vocab_kl"), TOPICS, 1, Duration.ofSeconds(5),
                CaptionLimits.DEFAULT, 1 << 20, stateDir, group + "-worker", 0, Duration.ofSeconds(10));
        return new RewardWorker(config, new StandardSignals(null, null, WINDOW).create(List.of("vocab_kl")),
                new WorkerMetrics()).start(Duration.ofSeconds(60));
    }

    private static void publish(List<RolloutGroup> groups) {
        try (KafkaProducer<RolloutKey, RolloutGroup> producer = new KafkaProducer<>(client,
                Topics.ROLLOUT_KEY_SERDE.serializer(), Topics.ROLLOUT_SERDE.serializer())) {
            for (RolloutGroup group : groups) {
                producer.send(new ProducerRecord<>(TOPICS.rollouts(), group.getKey(), group));
            }
            producer.flush();
        }
    }

    /** vocab_kl values per step (candidates in order) of the results of {@code workerGroup}, once {@code n} arrived. */
    private static Map<Long, List<Double>> results(String workerGroup, int n) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + workerGroup + "-" + n + "-" + System.nanoTime());
        Map<Long, List<Double>> values = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (KafkaConsumer<RolloutKey, RewardResult> consumer = new KafkaConsumer<>(config,
                Topics.ROLLOUT_KEY_SERDE.deserializer(), Topics.RESULT_SERDE.deserializer())) {
            consumer.subscribe(List.of(TOPICS.rewards()));
            while (values.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<RolloutKey, RewardResult> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().getWorkerGroup().equals(workerGroup)) {
                        List<Double> scores = new ArrayList<>();
                        for (CandidateScores candidate : record.value().getCandidatesList()) {
                            SignalScore score = candidate.getScores(0);
                            assertEquals(ScoreStatus.OK, score.getStatus(), score.getReason());
                            scores.add(score.getValue());
                        }
                        List<Double> previous = values.put(record.key().getStep(), scores);
                        assertEquals(null, previous, "a second result for step " + record.key().getStep());
                    }
                }
            }
        }
        assertEquals(n, values.size(), "results of worker group " + workerGroup);
        return values;
    }

    @Test
    void valuesAfterARestartEqualThoseOfAnUninterruptedRun(@TempDir Path first, @TempDir Path second,
                                                           @TempDir Path straight) {
        publish(rollouts.subList(0, GROUPS / 2));
        try (RewardWorker worker = start("restarted", first)) {
            results("restarted", GROUPS / 2);
        }
        // a fresh state directory: the windows can only come back from the changelog
        try (RewardWorker worker = start("restarted", second)) {
            publish(rollouts.subList(GROUPS / 2, GROUPS));
            Map<Long, List<Double>> restarted = results("restarted", GROUPS);

            Map<Long, List<Double>> uninterrupted;
            try (RewardWorker other = start("straight", straight)) {
                uninterrupted = results("straight", GROUPS);
            }

            assertEquals(uninterrupted, restarted);
            assertTrue(restarted.values().stream().flatMap(List::stream).distinct().count() > GROUPS,
                    "vocab_kl should vary over candidates and steps");
            assertNotEquals(withEmptyWindow(rollouts.get(GROUPS / 2)), restarted.get((long) GROUPS / 2).get(0),
                    "the first group after the restart was scored against the restored window, not an empty one");
        }
    }

    private static double withEmptyWindow(RolloutGroup group) {
        VocabKlSignal signal = (VocabKlSignal) new StandardSignals(null, null, WINDOW).create(List.of("vocab_kl"))
                .get("vocab_kl");
        UnigramDistribution reference = UnigramDistribution.of(training.stream()
                .flatMap(refs -> refs.getCaptionsList().stream()).map(signal::tokens).toList());
        String caption = group.getSamples(0).getText();
        return signal.score(signal.tokens(caption), new TokenWindow(WINDOW), reference).value();
    }
}
