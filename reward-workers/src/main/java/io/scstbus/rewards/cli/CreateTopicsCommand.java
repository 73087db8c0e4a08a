package io.scstbus.rewards.cli;

import io.scstbus.proto.TopicAdmin;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reward-worker create-topics}: the bus topics with the right partitions and compaction. */
@Command(name = "create-topics", mixinStandardHelpOptions = true,
        description = "Creates the bus topics that are missing: rollouts and rewards with --partitions, "
                + "references compacted, the dead-letter topic. Existing topics are left unchanged.")
public final class CreateTopicsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of the rollout and reward topics: the most worker instances per group "
                    + "that can share the work (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1",
            description = "Replicas per partition (default: ${DEFAULT-VALUE}; use 3 on a real cluster).")
    short replicationFactor;

    @Override
    public Integer call() {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicAdmin.createAll(admin, kafka.topics(), partitions, replicationFactor);
        }
        System.out.println("topics ready: " + kafka.topics());
        return 0;
    }
}
