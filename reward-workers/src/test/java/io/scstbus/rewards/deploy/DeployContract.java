package io.scstbus.rewards.deploy;

import io.scstbus.proto.BusAcls;
import io.scstbus.proto.Topics;
import java.util.ArrayList;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerGroup;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The contract the deployment files implement, as data: topics, worker groups, launcher options and
 * the Kafka access each component needs (the launchers' options are their own picocli models:
 * ContainerCommandsParseTest in the trainer module parses every container command). The deploy tests check docker-compose.yml and every
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

    static final Set<String> SIGNALS = Set.copyOf(StandardSignals.CONTRACT);

    /**
     * The worker groups the deployment files run, and the signals each computes (from {@link WorkerGroup}, the
     * one source); the opt-in run-state group (vocab_kl) is not deployed.
     */
    static final Map<String, List<String>> WORKER_GROUPS = Stream.of(WorkerGroup.CHEAP, WorkerGroup.SCENE_GRAPH)
            .collect(Collectors.toUnmodifiableMap(WorkerGroup::label, WorkerGroup::signals));

    /** The one worker group that answers INVALID for requested names that are no signal (run --answer-unknown). */
    static final String ANSWERS_UNKNOWN = "cheap";

    static final String WORKER_IMAGE = "scst-bus/reward-worker";
    static final String TRAINER_IMAGE = "scst-bus/trainer";

    static final Map<String, String> MAIN_CLASSES = Map.of(
            "reward-workers", "io.scstbus.rewards.cli.RewardWorkerCommand",
            "trainer", "io.scstbus.trainer.cli.TrainerCommand");

    static final int GRPC_PORT = 50051;
    static final int METRICS_PORT = 9404;

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

    /** What a reward worker of this group may do on Kafka: the grants of {@link BusAcls#worker}. */
    static List<Need> workerNeeds(String group) {
        return needs(BusAcls.worker(Topics.DEFAULT, group));
    }

    /** What a trainer run may do on Kafka: the grants of {@link BusAcls#trainer} (the run id names nothing it owns). */
    static List<Need> trainerNeeds(String runId) {
        return needs(BusAcls.trainer(Topics.DEFAULT));
    }

    /** What replay may do: read (the grants of {@link BusAcls#replay}). */
    static List<Need> replayNeeds() {
        return needs(BusAcls.replay(Topics.DEFAULT));
    }

    /** A principal's grants as Strimzi spells them: one need per operation. */
    static List<Need> needs(BusAcls.Principal principal) {
        List<Need> out = new ArrayList<>();
        for (BusAcls.Grant g : principal.grants()) {
            for (AclOperation op : g.operations()) {
                String operation = strimzi(op.name());
                out.add(new Need(strimzi(g.type().name()), g.type() == ResourceType.CLUSTER ? "kafka-cluster" : g.name(),
                        g.pattern() == PatternType.PREFIXED,
                        Character.toUpperCase(operation.charAt(0)) + operation.substring(1)));
            }
        }
        return out;
    }

    /** TRANSACTIONAL_ID -> transactionalId: Kafka's enum names as Strimzi's camel case. */
    static String strimzi(String enumName) {
        StringBuilder out = new StringBuilder();
        for (String part : enumName.toLowerCase(Locale.ROOT).split("_")) {
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    /** What KEDA's Kafka scaler reads: committed offsets of the group, end offsets of the topic. */
    static List<Need> scalerNeeds(String consumerGroup, String topic) {
        return List.of(new Need("group", consumerGroup, false, "Describe"), Need.topic(topic, "Describe"));
    }
}
