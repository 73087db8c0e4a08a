package io.scstbus.rewards.worker;

import io.scstbus.proto.TopicAdmin;
import io.scstbus.proto.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The start-up check of the bus topics for one worker group. With a partition count (run
 * {@code --partitions N}) missing topics are created with it (replication: the broker's default) and the
 * rollout and reward topics that exist must have exactly N partitions, since a rollout's key decides its
 * partition and a result must land beside its rollout. Without one, the topics must all exist.
 */
final class WorkerTopics {

    private WorkerTopics() {
    }

    static void check(Admin admin, WorkerConfig config) {
        Topics topics = config.topics();
        List<String> required = List.of(topics.rollouts(), topics.rewards(), topics.references(), topics.deadLetters());
        String where = "worker group " + config.group() + " on " + config.kafkaClient().get("bootstrap.servers");
        if (config.partitions() == 0) {
            List<String> missing = TopicAdmin.missing(admin, required);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(where + ": topics " + missing + " do not exist; create them with "
                        + "'reward-worker create-topics' (or bin/broker --topics), or start with --partitions N");
            }
            return;
        }
        createMissing(admin, topics, config.partitions(), where);
        Map<String, TopicDescription> described = describe(admin, List.of(topics.rollouts(), topics.rewards()), where);
        List<String> wrong = new ArrayList<>();
        described.forEach((name, description) -> {
            if (description.partitions().size() != config.partitions()) {
                wrong.add(name + " has " + description.partitions().size());
            }
        });
        if (!wrong.isEmpty()) {
            throw new IllegalStateException(where + ": --partitions is " + config.partitions() + " but topic "
                    + String.join(", ", wrong) + " partitions; start with --partitions matching the topics "
                    + "(the partition of a rollout group follows from its key and the partition count)");
        }
    }

    private static void createMissing(Admin admin, Topics topics, int partitions, String where) {
        List<String> missing = TopicAdmin.missing(admin, List.copyOf(topics.specs(partitions).keySet()));
        List<NewTopic> create = new ArrayList<>();
        for (Topics.TopicSpec spec : topics.specs(partitions).values()) {
            if (missing.contains(spec.name())) {
                create.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                        .configs(spec.config()));
            }
        }
        if (create.isEmpty()) {
            return;
        }
        admin.createTopics(create).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(where + ": cannot create topic " + name + ": "
                            + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(where + ": interrupted creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException(where + ": topic " + name + " not created within 30 s", e);
            }
        });
    }

    /** Describes the topics, waiting up to 30 s for just-created ones to reach the broker's metadata. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names, String where) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(Set.copyOf(names)).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(where + ": interrupted describing topics " + names, e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException(where + ": cannot describe topics " + names + ": "
                            + e.getCause().getMessage(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException(where + ": topics " + names + " not described within 30 s", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(where + ": interrupted describing topics " + names, e);
            }
        }
    }
}
