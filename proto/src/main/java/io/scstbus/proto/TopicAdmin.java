package io.scstbus.proto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the bus topics (idempotently) and checks that they exist. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** Creates every missing topic of {@code topics}; existing ones are left as they are. */
    public static void createAll(Admin admin, Topics topics, int partitions, short replicationFactor) {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topics.TopicSpec spec : topics.specs(partitions).values()) {
            wanted.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.config()));
        }
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, future) -> {
                    try {
                        future.get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                        }
                    } catch (InterruptedException | TimeoutException e) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    /** The names among {@code required} that the cluster lacks. */
    public static List<String> missing(Admin admin, List<String> required) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            return required.stream().filter(t -> !existing.contains(t)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    public static Admin connect(Map<String, Object> clientConfig) {
        return Admin.create(clientConfig);
    }
}
