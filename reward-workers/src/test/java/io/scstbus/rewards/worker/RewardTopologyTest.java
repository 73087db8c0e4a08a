package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.signals.DeadlineScorer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RewardTopologyTest {

    private final Topics topics = Topics.DEFAULT;
    private DeadlineScorer deadlines;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> rollouts;
    private TestInputTopic<ReferencesKey, ImageReferences> references;
    private TestOutputTopic<RolloutKey, RewardResult> rewards;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void setUp() {
        deadlines = new DeadlineScorer(Duration.ofSeconds(5));
        RolloutScorer scorer = new RolloutScorer(new StandardSignals().create(List.of("length")), deadlines,
                CaptionLimits.DEFAULT, "cheap", "test-worker", Clock.systemUTC());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(RewardTopology.build(topics, new RolloutDecoder(1 << 20), scorer,
                new WorkerMetrics()), props);
        rollouts = driver.createInputTopic(topics.rollouts(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        references = driver.createInputTopic(topics.references(), Topics.REFERENCES_KEY_SERDE.serializer(),
                Topics.REFERENCES_SERDE.serializer());
        rewards = driver.createOutputTopic(topics.rewards(), Topics.ROLLOUT_KEY_SERDE.deserializer(),
                Topics.RESULT_SERDE.deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        deadlines.close();
    }

    private void publish(RolloutGroup group) {
        rollouts.pipeInput(group.getKey().toByteArray(), group.toByteArray());
    }

    @Test
    void scoresEveryCandidateWithTheGroupsSignals() {
        references.pipeInput(io.scstbus.proto.Keys.references("test", "img1"),
                Rollouts.references("img1", "two planes are parked ."));
        RolloutGroup group = Rollouts.group("run", 1, "img1", List.of("a plane", "many planes near a building ."),
                "a plane is parked", List.of("length"));
        publish(group);

        RewardResult result = rewards.readValue();
        assertEquals(group.getKey(), result.getKey());
        assertEquals("cheap", result.getWorkerGroup());
        assertEquals(3, result.getCandidatesCount());
        SignalScore first = result.getCandidates(0).getScores(0);
        assertEquals(ScoreStatus.OK, first.getStatus());
        assertEquals(2.0, first.getValue());
        assertEquals(5.0, result.getCandidates(1).getScores(0).getValue(), "PTB drops the final period");
        assertTrue(result.getCandidates(2).getGreedy());
        assertEquals("length/1", first.getScorerVersion());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void imageWithoutReferencesIsInvalidAtOnce() {
        publish(Rollouts.group("run", 1, "unknown-image", List.of("a plane"), "a plane", List.of("length")));

        SignalScore score = rewards.readValue().getCandidates(0).getScores(0);
        assertEquals(ScoreStatus.INVALID, score.getStatus());
        assertTrue(score.getReason().contains("no references for image 'unknown-image'"), score.getReason());
    }

    @Test
    void undecodableRecordGoesToDeadLettersWithReason() {
        rollouts.pipeInput("k".getBytes(StandardCharsets.UTF_8), new byte[] {0x0a, 0x7f, 0x01});

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        String reason = new String(dead.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("not a RolloutGroup"), reason);
        String source = new String(dead.headers().lastHeader(Topics.DLQ_SOURCE_HEADER).value(), StandardCharsets.UTF_8);
        assertTrue(source.startsWith(topics.rollouts() + "-0@"), source);
        assertTrue(rewards.isEmpty());
    }

    @Test
    void workerKeepsScoringAfterABadRecord() {
        references.pipeInput(io.scstbus.proto.Keys.references("test", "img1"), Rollouts.references("img1", "a plane ."));
        rollouts.pipeInput(null, "not protobuf at all".getBytes(StandardCharsets.UTF_8));
        publish(Rollouts.group("run", 2, "img1", List.of("a plane"), "a plane", List.of("length")));

        assertEquals(1, deadLetters.getQueueSize());
        assertEquals(ScoreStatus.OK, rewards.readValue().getCandidates(0).getScores(0).getStatus());
    }

    @Test
    void oversizedCaptionIsInvalidWithTheLimit() {
        references.pipeInput(io.scstbus.proto.Keys.references("test", "img1"), Rollouts.references("img1", "a plane ."));
        String huge = "plane ".repeat(10_000);
        publish(Rollouts.group("run", 3, "img1", List.of(huge), "a plane", List.of("length")));

        SignalScore score = rewards.readValue().getCandidates(0).getScores(0);
        assertEquals(ScoreStatus.INVALID, score.getStatus());
        assertTrue(score.getReason().contains("limit is 2000"), score.getReason());
    }

    @Test
    void mismatchedRecordKeyGoesToDeadLetters() {
        RolloutGroup group = Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane", List.of("length"));
        rollouts.pipeInput(io.scstbus.proto.Keys.rollout("run", 9, "other").toByteArray(), group.toByteArray());

        String reason = new String(deadLetters.readRecord().headers().lastHeader(Topics.DLQ_REASON_HEADER).value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.contains("differs from rollout key"), reason);
    }
}
