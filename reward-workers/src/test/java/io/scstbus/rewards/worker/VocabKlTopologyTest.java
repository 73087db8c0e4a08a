package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.signals.DeadlineScorer;
import io.scstbus.rewards.signals.TokenWindow;
import io.scstbus.rewards.signals.UnigramDistribution;
import io.scstbus.rewards.signals.VocabKl;
import io.scstbus.rewards.signals.VocabKlSignal;
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

/** vocab_kl through the topology: the run's window carries over between its rollout groups. */
class VocabKlTopologyTest {

    private static final int WINDOW = 8;
    private final Topics topics = Topics.DEFAULT;
    private DeadlineScorer deadlines;
    private RolloutScorer scorer;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> rollouts;
    private TestInputTopic<ReferencesKey, ImageReferences> references;
    private TestOutputTopic<RolloutKey, RewardResult> rewards;

    @BeforeEach
    void setUp() {
        deadlines = new DeadlineScorer(Duration.ofSeconds(5));
        scorer = new RolloutScorer(new StandardSignals(null, null, WINDOW).create(List.of("vocab_kl")), deadlines,
                CaptionLimits.DEFAULT, "vocab", "test-worker", Clock.systemUTC());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vocab-topology-test");
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

    private SignalScore first(RolloutGroup group) {
        rollouts.pipeInput(group.getKey().toByteArray(), group.toByteArray());
        return rewards.readValue().getCandidates(0).getScores(0);
    }

    @Test
    void secondGroupOfARunIsScoredAgainstTheFirstGroupsTokens() {
        references.pipeInput(Keys.references("test", "img1"), Rollouts.references("img1", "two planes near a runway"));
        first(Rollouts.group("run", 1, "img1", List.of("planes near planes"), "a runway", List.of("vocab_kl")));

        SignalScore score = first(Rollouts.group("run", 2, "img1", List.of("a plane"), "runway", List.of("vocab_kl")));

        VocabKlSignal signal = scorer.vocabKl().orElseThrow();
        UnigramDistribution reference = UnigramDistribution.of(List.of(signal.tokens("two planes near a runway")));
        // window: "planes near planes", "a runway" (5 tokens); the candidate adds "a plane": 7 of 8
        TokenWindow window = TokenWindow.of(WINDOW, List.of("planes", "near", "planes", "a", "runway"));
        double expected = VocabKl.divergence(reference, window.preview(List.of("a", "plane")));
        assertEquals(ScoreStatus.OK, score.getStatus(), score.getReason());
        assertEquals(expected, score.getValue(), 1e-12);
        assertEquals("vocab_kl/1", score.getScorerVersion());
    }

    @Test
    void datasetWithoutTrainingReferencesIsInvalidWithTheReason() {
        references.pipeInput(Keys.references("test", "img1"), Rollouts.references("img1", "a plane").toBuilder()
                .setSplit("val").build());

        SignalScore score = first(Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane", List.of("vocab_kl")));

        assertEquals(ScoreStatus.INVALID, score.getStatus());
        assertTrue(score.getReason().contains("no training references of dataset 'test'"), score.getReason());
    }

    @Test
    void scoringWithoutRunStateIsInvalidWithTheReason() {
        RewardResult result = scorer.score(Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane",
                List.of("vocab_kl")), Rollouts.references("img1", "a plane"));

        SignalScore score = result.getCandidates(0).getScores(0);
        assertEquals(ScoreStatus.INVALID, score.getStatus());
        assertTrue(score.getReason().startsWith("vocab_kl is stateful"), score.getReason());
    }
}
