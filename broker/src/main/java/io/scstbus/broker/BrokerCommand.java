package io.scstbus.broker;

import java.nio.file.Path;
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

    @Override
    public Integer call() throws InterruptedException {
        if (partitions < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--partitions must be >= 1, got " + partitions);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        if (createTopics) {
            broker.createBusTopics(io.scstbus.proto.Topics.DEFAULT, partitions);
        }
        System.out.println("broker ready on " + broker.bootstrapServers() + " (data in " + dataDir.toAbsolutePath() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerCommand()).execute(args));
    }
}
