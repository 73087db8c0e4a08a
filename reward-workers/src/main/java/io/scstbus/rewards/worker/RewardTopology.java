package io.scstbus.rewards.worker;

import io.scstbus.proto.Topic;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutKey;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The only place the worker topology exists; the CLI, tests and benchmarks all build it here.
 * <pre>
 *   references (compacted) -> global store
 *   rollouts (raw bytes) -> score (looks up the global store) -> rewards
 *                           [vocab-windows store: vocab_kl's per-run token windows, changelogged]
 *                                                          \-> rollouts.dlq (undecodable, with reason)
 * </pre>
 */
public final class RewardTopology {

    static final String REFERENCES_STORE = "references";
    /** vocab_kl windows: run id to the run's last N tokens in this task; persistent, changelogged. */
    static final String VOCAB_WINDOWS_STORE = "vocab-windows";
    static final String REWARDS_SINK = "rewards-sink";
    static final String DLQ_SINK = "dlq-sink";

    private RewardTopology() {
    }

    /** The producer's default max.request.size: a larger result cannot be sent. */
    static final int DEFAULT_MAX_RESULT_BYTES = 1_048_576;

    /**
     * The topology without transactions, as TopologyTestDriver runs it: each record has only the per-signal
     * deadline and is counted in {@code metrics} at once.
     */
    public static Topology build(Topics topics, RolloutDecoder decoder, RolloutScorer scorer, WorkerMetrics metrics) {
        return build(topics, decoder, scorer, TransactionScope.immediate(metrics), DEFAULT_MAX_RESULT_BYTES);
    }

    static Topology build(Topics topics, RolloutDecoder decoder, RolloutScorer scorer, TransactionScope transaction,
                          int maxResultBytes) {
        Topology topology = new Topology();
        Topic<ReferencesKey, ImageReferences> refs = topics.referencesTopic();
        TrainingReferences training = new TrainingReferences();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(REFERENCES_STORE),
                        refs.keySerde(), refs.valueSerde()).withLoggingDisabled(),
                "references-source",
                refs.keySerde().deserializer(), refs.valueSerde().deserializer(),
                refs.name(),
                "references-updater",
                () -> new ReferencesUpdater(training));

        Topic<byte[], byte[]> rollouts = topics.rawRolloutTopic();
        topology.addSource("rollouts-source", rollouts.keySerde().deserializer(), rollouts.valueSerde().deserializer(),
                rollouts.name());
        topology.addProcessor("score", () -> new ScoringProcessor(decoder, scorer, transaction, maxResultBytes, training), "rollouts-source");
        if (scorer.vocabKl().isPresent()) {
            requireRocksDb();
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VOCAB_WINDOWS_STORE),
                    Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), "score");
        }

        Topic<RolloutKey, RewardResult> rewards = topics.rewardTopic();
        topology.addSink(REWARDS_SINK, rewards.name(), cast(rewards.keySerde().serializer()),
                cast(rewards.valueSerde().serializer()), "score");
        Topic<byte[], byte[]> dlq = topics.deadLetterTopic();
        topology.addSink(DLQ_SINK, dlq.name(), cast(dlq.keySerde().serializer()), cast(dlq.valueSerde().serializer()),
                "score");
        return topology;
    }

    /** vocab_kl's windows live in a RocksDB store; a portable bundle built without --run-state has no RocksDB. */
    private static void requireRocksDb() {
        try {
            Class.forName("org.rocksdb.RocksDB", false, RewardTopology.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("vocab_kl keeps each run's token window in a RocksDB store, and RocksDB "
                    + "(org.rocksdb:rocksdbjni) is not on the classpath; a portable bundle needs "
                    + "'scripts/bundle.sh --run-state' for the run-state group");
        }
    }

    // The scoring processor forwards two record types to two sinks; each sink only ever sees its own.
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> cast(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
