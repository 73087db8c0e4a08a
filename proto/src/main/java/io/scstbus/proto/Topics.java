package io.scstbus.proto;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.RunInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the bus, typed, in one place. Names default to {@code scst.*} and can be given a
 * prefix (one bus per namespace). Keys are protobuf: a rollout group and all its results share the
 * {@link RolloutKey}, so they land in the same partition.
 */
public record Topics(String rollouts, String rewards, String references, String deadLetters, String runs) {

    public static final Topics DEFAULT = new Topics("scst.rollouts", "scst.rewards", "scst.references", "scst.rollouts.dlq",
            "scst.runs");

    /** DLQ headers: why a record was rejected, and where it came from. */
    public static final String DLQ_REASON_HEADER = "scst.dlq.reason";
    public static final String DLQ_SOURCE_HEADER = "scst.dlq.source";

    public static final ProtoSerde<RolloutKey> ROLLOUT_KEY_SERDE = ProtoSerde.of(RolloutKey.parser(), RolloutKey.class);
    public static final ProtoSerde<RolloutGroup> ROLLOUT_SERDE = ProtoSerde.of(RolloutGroup.parser(), RolloutGroup.class);
    public static final ProtoSerde<RewardResult> RESULT_SERDE = ProtoSerde.of(RewardResult.parser(), RewardResult.class);
    public static final ProtoSerde<ReferencesKey> REFERENCES_KEY_SERDE = ProtoSerde.of(ReferencesKey.parser(), ReferencesKey.class);
    public static final ProtoSerde<ImageReferences> REFERENCES_SERDE = ProtoSerde.of(ImageReferences.parser(), ImageReferences.class);
    public static final ProtoSerde<RunInfo> RUN_SERDE = ProtoSerde.of(RunInfo.parser(), RunInfo.class);

    public Topics {
        Objects.requireNonNull(rollouts, "rollouts");
        Objects.requireNonNull(rewards, "rewards");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(runs, "runs");
    }

    /** The four topics of the first contract; the runs topic is named after the rollouts topic's prefix. */
    public Topics(String rollouts, String rewards, String references, String deadLetters) {
        this(rollouts, rewards, references, deadLetters, prefixOf(rollouts) + "scst.runs");
    }

    private static String prefixOf(String rollouts) {
        return rollouts.endsWith("scst.rollouts") ? rollouts.substring(0, rollouts.length() - "scst.rollouts".length()) : "";
    }

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + DEFAULT.rollouts, prefix + DEFAULT.rewards, prefix + DEFAULT.references,
                prefix + DEFAULT.deadLetters, prefix + DEFAULT.runs);
    }

    public Topic<RolloutKey, RolloutGroup> rolloutTopic() {
        return new Topic<>(rollouts, ROLLOUT_KEY_SERDE, ROLLOUT_SERDE);
    }

    /** Rollouts as raw bytes: workers decode them themselves so undecodable records reach the DLQ intact. */
    public Topic<byte[], byte[]> rawRolloutTopic() {
        return new Topic<>(rollouts, Serdes.ByteArray(), Serdes.ByteArray());
    }

    public Topic<RolloutKey, RewardResult> rewardTopic() {
        return new Topic<>(rewards, ROLLOUT_KEY_SERDE, RESULT_SERDE);
    }

    public Topic<ReferencesKey, ImageReferences> referencesTopic() {
        return new Topic<>(references, REFERENCES_KEY_SERDE, REFERENCES_SERDE);
    }

    /** One record per run, keyed by run id: its configuration and start time, for replay and reports. */
    public Topic<String, RunInfo> runTopic() {
        return new Topic<>(runs, Serdes.String(), RUN_SERDE);
    }

    public Topic<byte[], byte[]> deadLetterTopic() {
        return new Topic<>(deadLetters, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /** Every topic with its partition count and configuration, for creating them. */
    public Map<String, TopicSpec> specs(int partitions) {
        Map<String, TopicSpec> specs = new LinkedHashMap<>();
        specs.put(rollouts, new TopicSpec(rollouts, partitions, Map.of()));
        specs.put(rewards, new TopicSpec(rewards, partitions, Map.of()));
        // One record per image, replaced on reload: compaction keeps the latest, forever.
        specs.put(references, new TopicSpec(references, 1, Map.of("cleanup.policy", "compact")));
        specs.put(deadLetters, new TopicSpec(deadLetters, 1, Map.of()));
        specs.put(runs, new TopicSpec(runs, 1, Map.of("cleanup.policy", "compact")));
        return specs;
    }

    /** How to create one topic. */
    public record TopicSpec(String name, int partitions, Map<String, String> config) {
    }

}
