package io.scstbus.rewards.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract the deployment files implement, as data: topics, worker groups, launcher options and
 * the Kafka access each component needs. The deploy tests check docker-compose.yml and every
 * rendered kustomize overlay against it.
 */
final class DeployContract {

    private DeployContract() {
    }

    static final String ROLLOUTS = "scst.rollouts";
    static final String REWARDS = "scst.rewards";
    static final String REFERENCES = "scst.references";
    static final String DLQ = "scst.rollouts.dlq";
    static final String RUNS = "scst.runs";

    /** Topics with a fixed partition count (a rollout group's key decides its partition). */
    static final Map<String, Integer> PARTITIONS = Map.of(ROLLOUTS, 6, REWARDS, 6);

    static final Set<String> TOPICS = Set.of(ROLLOUTS, REWARDS, REFERENCES, DLQ, RUNS);

    static final Set<String> SIGNALS = Set.of("cider_d", "length", "sde", "count_abs", "count_signed", "count_coverage",
            "oversight", "hallucination", "vocab_kl", "bleu_4", "rouge_l", "repetition");

    /** Worker groups and the signals each computes. */
    static final Map<String, List<String>> WORKER_GROUPS = Map.of(
            "cheap", List.of("cider_d", "length", "bleu_4", "rouge_l", "repetition"),
            "scene-graph", List.of("sde", "count_abs", "count_signed", "count_coverage", "oversight", "hallucination"));

    /** The one worker group that answers INVALID for requested names that are no signal (run --answer-unknown). */
    static final String ANSWERS_UNKNOWN = "cheap";

    static final String WORKER_IMAGE = "scst-bus/reward-worker";
    static final String TRAINER_IMAGE = "scst-bus/trainer";

    static final Map<String, String> MAIN_CLASSES = Map.of(
            "reward-workers", "io.scstbus.rewards.cli.RewardWorkerCommand",
            "trainer", "io.scstbus.trainer.cli.TrainerCommand");

    static final int GRPC_PORT = 50051;
    static final int METRICS_PORT = 9404;

    /**
     * Options the deployment files may pass to each launcher command (all take a value).
     * This list MUST match the launchers: bin/reward-worker (io.scstbus.rewards.cli.RewardWorkerCommand,
     * subcommands run, load-references, create-topics) and bin/trainer (io.scstbus.trainer.cli.TrainerCommand).
     * WorkerLauncherOptionsTest compares the worker's part with its picocli model when it is on the classpath.
     */
    static final Map<String, Set<String>> LAUNCHER_OPTIONS = Map.of(
            "reward-worker run", Set.of("--bootstrap", "--signals", "--group", "--config", "--grpc-port",
                    "--metrics-port", "--partitions", "--kafka-properties", "--parser", "--factual-model",
                    "--answer-unknown"),
            "reward-worker load-references", Set.of("--bootstrap", "--dataset", "--dataset-file", "--counts",
                    "--kafka-properties"),
            "reward-worker create-topics", Set.of("--bootstrap", "--partitions", "--replication-factor",
                    "--kafka-properties"),
            "trainer", Set.of("--bootstrap", "--config", "--preset", "--seed", "--summary-json", "--run-id",
                    "--checkpoint-dir", "--report-dir", "--kafka-properties"));

    /** Environment variables through which every process gets its Kafka client security settings. */
    static final String ENV_PROTOCOL = "SCSTBUS_KAFKA_SECURITY_PROTOCOL";
    static final String ENV_MECHANISM = "SCSTBUS_KAFKA_SASL_MECHANISM";
    static final String ENV_JAAS = "SCSTBUS_KAFKA_SASL_JAAS_CONFIG";
    static final String ENV_TRUSTSTORE = "SCSTBUS_KAFKA_SSL_TRUSTSTORE_LOCATION";
    static final String ENV_TRUSTSTORE_PASSWORD = "SCSTBUS_KAFKA_SSL_TRUSTSTORE_PASSWORD";

    static String workerApplicationId(String group) {
        return "scst-bus-worker-" + group;
    }

    static String trainerGroup(String runId) {
        return "scst-bus-trainer-" + runId;
    }

    /** One Kafka permission a component needs: resource type, name, whether the name is a prefix, operation. */
    record Need(String type, String name, boolean prefix, String operation) {

        static Need topic(String name, String operation) {
            return new Need("topic", name, false, operation);
        }

        @Override
        public String toString() {
            return operation + " on " + type + (prefix ? " prefix " : " ") + name;
        }
    }

    /** What a reward worker of this group does on Kafka (Kafka Streams, exactly_once_v2). */
    static List<Need> workerNeeds(String group) {
        String app = workerApplicationId(group);
        return List.of(
                Need.topic(ROLLOUTS, "Read"), Need.topic(ROLLOUTS, "Describe"),
                Need.topic(REFERENCES, "Read"), Need.topic(REFERENCES, "Describe"),
                Need.topic(REWARDS, "Write"), Need.topic(REWARDS, "Describe"),
                Need.topic(DLQ, "Write"), Need.topic(DLQ, "Describe"),
                // internal changelog/repartition topics: created, read, written, purged, described
                new Need("topic", app + "-", true, "Create"), new Need("topic", app + "-", true, "Delete"),
                new Need("topic", app + "-", true, "Describe"), new Need("topic", app + "-", true, "DescribeConfigs"),
                new Need("topic", app + "-", true, "Read"), new Need("topic", app + "-", true, "Write"),
                new Need("group", app, false, "Read"), new Need("group", app, false, "Describe"),
                new Need("transactionalId", app + "-", true, "Write"),
                new Need("transactionalId", app + "-", true, "Describe"),
                new Need("cluster", "kafka-cluster", false, "IdempotentWrite"));
    }

    /**
     * What a trainer run does on Kafka: transactional producer, read_committed consumer of rewards, and
     * its RunInfo on the runs topic (read first: a resumed run keeps its first start time).
     */
    static List<Need> trainerNeeds(String runId) {
        String id = trainerGroup(runId);
        return List.of(
                Need.topic(ROLLOUTS, "Write"), Need.topic(ROLLOUTS, "Describe"),
                Need.topic(REFERENCES, "Write"), Need.topic(REFERENCES, "Read"), Need.topic(REFERENCES, "Describe"),
                Need.topic(REWARDS, "Read"), Need.topic(REWARDS, "Describe"),
                Need.topic(RUNS, "Write"), Need.topic(RUNS, "Read"), Need.topic(RUNS, "Describe"),
                new Need("group", id, false, "Read"), new Need("group", id, false, "Describe"),
                new Need("transactionalId", id, false, "Write"), new Need("transactionalId", id, false, "Describe"),
                new Need("cluster", "kafka-cluster", false, "IdempotentWrite"));
    }

    /** What KEDA's Kafka scaler reads: committed offsets of the group, end offsets of the topic. */
    static List<Need> scalerNeeds(String consumerGroup, String topic) {
        return List.of(new Need("group", consumerGroup, false, "Describe"), Need.topic(topic, "Describe"));
    }
}
