package io.scstbus.rewards.cli;

import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that talks to Kafka shares. */
public final class KafkaOptions {

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, e.g. localhost:9092.")
    public String bootstrap;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Extra Kafka client properties (security, SASL/TLS), e.g. a mounted secret. "
                    + "SCSTBUS_KAFKA_* environment variables are applied too (SCSTBUS_KAFKA_SECURITY_PROTOCOL -> security.protocol).")
    public Path kafkaProperties;

    @Option(names = "--topic-prefix", defaultValue = "", paramLabel = "PREFIX",
            description = "Prefix for the bus topic names (default: none, topics are scst.rollouts, scst.rewards, "
                    + "scst.references, scst.rollouts.dlq).")
    public String topicPrefix;

    public Map<String, Object> clientConfig() {
        return ClientConfig.base(bootstrap, kafkaProperties);
    }

    public Topics topics() {
        return topicPrefix.isEmpty() ? Topics.DEFAULT : Topics.withPrefix(topicPrefix);
    }
}
