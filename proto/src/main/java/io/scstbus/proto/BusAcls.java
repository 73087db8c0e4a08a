package io.scstbus.proto;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the bus: the one definition of every component's Kafka principal and its ACLs,
 * by least privilege. The secured embedded broker ({@code bin/broker --secure}) applies it; a deploy
 * test checks the Kubernetes overlays' Strimzi KafkaUsers against it; docs/security.md tabulates it.
 *
 * <ul>
 *   <li>trainer: writes rollouts, references and its run record; reads rewards (and references and runs,
 *       to publish only what is missing and keep a resumed run's start time). No group: it assigns.</li>
 *   <li>a worker group: reads rollouts and references, writes rewards and the DLQ, owns its Kafka Streams
 *       application id as consumer group, transactional-id prefix and internal-topic prefix (the only
 *       topics anyone but admin creates: a group's own state-store changelogs).</li>
 *   <li>replay: reads rollouts, rewards, references and runs; writes nothing.</li>
 *   <li>admin: the super user; creates the bus topics. Not a component, so no ACLs here.</li>
 * </ul>
 * Idempotent producers need no cluster ACL: Write on a topic suffices since Kafka 3.0 (KIP-679).
 */
public final class BusAcls {

    /** The super user of a secured broker: creates topics, users and ACLs. */
    public static final String ADMIN = "admin";
    public static final String TRAINER = "scst-bus-trainer";
    public static final String REPLAY = "scst-bus-replay";
    /** KEDA's Kafka scaler (Kubernetes only): reads the worker groups' lag. */
    public static final String SCALER = "scst-bus-keda";
    private static final String WORKER_PREFIX = "scst-bus-worker-";

    private BusAcls() {
    }

    /** Allowed operations on one resource (a literal name, a name prefix, or the cluster). */
    public record Grant(ResourceType type, String name, PatternType pattern, Set<AclOperation> operations) {

        public Grant {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
            operations = Set.copyOf(operations);
        }

        static Grant topic(String name, AclOperation... operations) {
            return new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, EnumSet.of(operations[0], operations));
        }

        static Grant prefixed(ResourceType type, String prefix, AclOperation... operations) {
            return new Grant(type, prefix, PatternType.PREFIXED, EnumSet.of(operations[0], operations));
        }

        static Grant literal(ResourceType type, String name, AclOperation... operations) {
            return new Grant(type, name, PatternType.LITERAL, EnumSet.of(operations[0], operations));
        }
    }

    /**
     * One component's SCRAM user: its name on the broker, the stem of its client properties file
     * ({@code bin/broker --secure} writes {@code FILE.properties}) and what it may do.
     */
    public record Principal(String user, String file, List<Grant> grants) {

        public Principal {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(file, "file");
            grants = List.copyOf(grants);
        }

        /** Kafka's ACL bindings for this principal, allowed from any host. */
        public List<AclBinding> bindings() {
            List<AclBinding> out = new ArrayList<>();
            for (Grant g : grants) {
                for (AclOperation op : g.operations()) {
                    out.add(new AclBinding(new ResourcePattern(g.type(), g.name(), g.pattern()),
                            new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
                }
            }
            return out;
        }
    }

    /** The Kafka Streams application id of a worker group: its consumer group, transactional-id and topic prefix. */
    public static String workerApplicationId(String group) {
        return WORKER_PREFIX + group;
    }

    /** The SCRAM user of a worker group (the same name as its application id). */
    public static String workerUser(String group) {
        return workerApplicationId(group);
    }

    public static Principal trainer(Topics topics) {
        return new Principal(TRAINER, "trainer", List.of(
                Grant.topic(topics.rollouts(), AclOperation.DESCRIBE, AclOperation.WRITE),
                Grant.topic(topics.references(), AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE),
                Grant.topic(topics.rewards(), AclOperation.DESCRIBE, AclOperation.READ),
                Grant.topic(topics.runs(), AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE)));
    }

    public static Principal worker(Topics topics, String group) {
        String app = workerApplicationId(group);
        return new Principal(workerUser(group), "worker-" + group, List.of(
                Grant.topic(topics.rollouts(), AclOperation.DESCRIBE, AclOperation.READ),
                Grant.topic(topics.references(), AclOperation.DESCRIBE, AclOperation.READ),
                Grant.topic(topics.rewards(), AclOperation.DESCRIBE, AclOperation.WRITE),
                Grant.topic(topics.deadLetters(), AclOperation.DESCRIBE, AclOperation.WRITE),
                // state-store changelogs (vocab_kl's windows): Kafka Streams creates and checks them itself
                Grant.prefixed(ResourceType.TOPIC, app + "-", AclOperation.CREATE, AclOperation.DESCRIBE,
                        AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE),
                Grant.literal(ResourceType.GROUP, app, AclOperation.DESCRIBE, AclOperation.READ),
                // exactly_once_v2: transactional ids <application.id>-<process id>-<thread>
                Grant.prefixed(ResourceType.TRANSACTIONAL_ID, app + "-", AclOperation.DESCRIBE, AclOperation.WRITE)));
    }

    public static Principal replay(Topics topics) {
        return new Principal(REPLAY, "replay", List.of(
                Grant.topic(topics.rollouts(), AclOperation.DESCRIBE, AclOperation.READ),
                Grant.topic(topics.rewards(), AclOperation.DESCRIBE, AclOperation.READ),
                Grant.topic(topics.references(), AclOperation.DESCRIBE, AclOperation.READ),
                Grant.topic(topics.runs(), AclOperation.DESCRIBE, AclOperation.READ)));
    }

    /** KEDA's scaler: the committed offsets of every worker group, the end offsets of the rollouts. */
    public static Principal scaler(Topics topics) {
        return new Principal(SCALER, "keda", List.of(
                Grant.topic(topics.rollouts(), AclOperation.DESCRIBE),
                Grant.prefixed(ResourceType.GROUP, WORKER_PREFIX, AclOperation.DESCRIBE)));
    }

    /** The components that run against a bus: trainer, one principal per worker group, replay. */
    public static List<Principal> components(Topics topics, List<String> workerGroups) {
        List<Principal> out = new ArrayList<>();
        out.add(trainer(topics));
        workerGroups.forEach(g -> out.add(worker(topics, g)));
        out.add(replay(topics));
        return List.copyOf(out);
    }
}
