package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.signals.CiderDSignal;
import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.rewards.signals.SignalResult;
import io.scstbus.rewards.text.PtbTokenizer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A worker without --df-table scores cider_d with document frequencies of the topic's training references. */
class CiderDFromReferencesTopicTest {

    private final Topics topics = Topics.DEFAULT;
    private final List<ImageReferences> training = List.of(
            Rollouts.references("img1", "two planes are parked near the terminal .", "many planes at an airport ."),
            Rollouts.references("img2", "a river runs through a green forest .", "a bridge over the river ."),
            Rollouts.references("img3", "many buildings and a road .", "a road between buildings ."));
    private DeadlineScorer deadlines;
    private RolloutScorer scorer;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> rollouts;
    private TestInputTopic<ReferencesKey, ImageReferences> references;
    private TestOutputTopic<RolloutKey, RewardResult> rewards;

    @BeforeEach
    void setUp() {
        deadlines = new DeadlineScorer(Duration.ofSeconds(5));
        scorer = new RolloutScorer(new StandardSignals().create(List.of("cider_d")), deadlines, CaptionLimits.DEFAULT,
                "cheap", "test-worker", Clock.systemUTC());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cider-topic-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(RewardTopology.build(topics, new RolloutDecoder(1 << 20), scorer,
                new WorkerMetrics()), props);
        rollouts = driver.createInputTopic(topics.rollouts(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        references = driver.createInputTopic(topics.references(), Topics.REFERENCES_KEY_SERDE.serializer(),
                Topics.REFERENCES_SERDE.serializer());
        rewards = driver.createOutputTopic(topics.rewards(), Topics.ROLLOUT_KEY_SERDE.deserializer(),
                Topics.RESULT_SERDE.deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        deadlines.close();
    }

    private SignalScore score(String caption) {
        io.scstbus.proto.v1.RolloutGroup group = Rollouts.group("run", 1, "img1", List.of(caption), caption,
                List.of("cider_d"));
        rollouts.pipeInput(group.getKey().toByteArray(), group.toByteArray());
        return rewards.readValue().getCandidates(0).getScores(0);
    }

    @Test
    void scoresWithDocumentFrequenciesOfTheTrainingReferences() {
        training.forEach(refs -> references.pipeInput(Keys.references("test", refs.getImageId()), refs));

        SignalScore score = score("some planes are parked at the airport .");

        CiderDSignal expected = new CiderDSignal(StandardSignals.corpusStats(training), new PtbTokenizer());
        SignalResult direct = expected.score("some planes are parked at the airport .",
                ProtoMapping.toContext(training.get(0)));
        assertEquals(ScoreStatus.OK, score.getStatus(), score.getReason());
        assertTrue(direct.value() > 0);
        assertEquals(direct.value(), score.getValue(), 1e-12);
        assertEquals(expected.version(), score.getScorerVersion());
    }

    @Test
    void aChangedReferenceOfTheSameStoreSizeChangesTheDocumentFrequencies() {
        training.forEach(refs -> references.pipeInput(Keys.references("test", refs.getImageId()), refs));
        String caption = "some planes are parked at the airport .";
        SignalScore before = score(caption);
        // img2 now speaks of planes too: same number of images, other document frequencies
        ImageReferences changed = Rollouts.references("img2", "planes are parked at an airport .", "two planes .");
        references.pipeInput(Keys.references("test", "img2"), changed);

        SignalScore after = score(caption);

        List<ImageReferences> now = List.of(training.get(0), changed, training.get(2));
        double expected = new CiderDSignal(StandardSignals.corpusStats(now), new PtbTokenizer())
                .score(caption, ProtoMapping.toContext(training.get(0))).value();
        assertEquals(expected, after.getValue(), 1e-12);
        assertTrue(Math.abs(after.getValue() - before.getValue()) > 1e-6,
                "the score should move with the new frequencies: " + before.getValue() + " -> " + after.getValue());
    }

    @Test
    void datasetWithoutTrainingReferencesIsInvalidWithTheReason() {
        references.pipeInput(Keys.references("test", "img1"), training.get(0).toBuilder().setSplit("test").build());

        SignalScore score = score("a plane .");

        assertEquals(ScoreStatus.INVALID, score.getStatus());
        assertTrue(score.getReason().startsWith("cider_d: no training references of dataset 'test'"), score.getReason());
    }

    @Test
    void scoringWithoutStateSaysWhatIsMissing() {
        RewardResult result = scorer.score(Rollouts.group("run", 1, "img1", List.of("a plane ."), "a plane .",
                List.of("cider_d")), training.get(0));

        SignalScore score = result.getCandidates(0).getScores(0);
        assertEquals(ScoreStatus.INVALID, score.getStatus());
        assertTrue(score.getReason().contains("--df-table FILE"), score.getReason());
    }
}
