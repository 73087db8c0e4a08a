package io.scstbus.broker;

import io.scstbus.proto.BusAcls;
import io.scstbus.proto.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/broker}: a single-node Kafka KRaft broker on localhost, for running scst-bus without Docker. */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a single-node Kafka broker (KRaft, broker and controller in one process) on localhost,",
            "using Kafka's own server. Prints one line when ready; stops cleanly on SIGTERM or Ctrl-C."
        })
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092",
            description = "Client port on localhost (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data-dir/kafka",
            description = "Directory for the broker's log and metadata; formatted on first use, reused after "
                    + "(default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--topics", negatable = true, defaultValue = "true",
            description = "Create the scst-bus topics (rollouts, rewards, compacted references, DLQ) at start "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of the rollout and reward topics when --topics creates them (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--secure", paramLabel = "DIR",
            description = {"Secure the broker: one SASL_SSL listener (SCRAM-SHA-512, TLS with a CA and broker certificate "
                    + "generated into DIR on first start), the StandardAuthorizer with the least-privilege ACLs of each "
                    + "component (docs/security.md), super user admin. Writes one client properties file per principal "
                    + "into DIR (admin, trainer, worker-GROUP, replay; owner-only) to pass as --kafka-properties. "
                    + "Needs a --data-dir first formatted with --secure."})
    Path secureDir;

    @Option(names = "--worker-groups", split = ",", defaultValue = "cheap,scene-graph", paramLabel = "GROUP[,GROUP...]",
            description = "With --secure: the reward worker groups that get a principal of their own "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> workerGroups;

    @Override
    public Integer call() throws InterruptedException {
        if (partitions < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--partitions must be >= 1, got " + partitions);
        }
        for (String group : workerGroups) {
            if (!group.matches("[A-Za-z0-9._-]+")) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--worker-groups: a group must be letters, digits, '.', '_' or '-', got '" + group + "'");
            }
        }
        EmbeddedKafkaBroker broker;
        try {
            broker = secureDir == null ? EmbeddedKafkaBroker.start(port, dataDir)
                    : EmbeddedKafkaBroker.startSecure(port, dataDir, secureDir, Topics.DEFAULT, workerGroups);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("broker: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        if (createTopics) {
            broker.createBusTopics(Topics.DEFAULT, partitions);
        }
        System.out.println("broker ready on " + broker.bootstrapServers() + " (data in " + dataDir.toAbsolutePath() + ")");
        broker.secure().ifPresent(secure -> {
            System.out.println("SASL_SSL with SCRAM-SHA-512; client settings per principal (--kafka-properties FILE):");
            for (BusAcls.Principal p : BusAcls.components(Topics.DEFAULT, workerGroups)) {
                System.out.println("  " + p.user() + ": " + secure.propertiesFile(p.file()));
            }
            System.out.println("  admin (creates topics): " + secure.propertiesFile(SecureBusDir.ADMIN_FILE));
        });
        System.out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerCommand()).execute(args));
    }
}
