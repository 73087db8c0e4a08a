package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

    @Test
    void toStringHidesTheKafkaClientsSecrets() {
        WorkerConfig config = new WorkerConfig(Map.of("bootstrap.servers", "localhost:9093",
                "sasl.jaas.config", "ScramLoginModule required username=\"w\" password=\"s3cr3t-pw\";",
                "ssl.truststore.password", "trust-pw"), "cheap", List.of("length"), Topics.DEFAULT, 1,
                Duration.ofSeconds(2), CaptionLimits.DEFAULT, 1 << 20, null, "w1", 0, Duration.ofSeconds(10));
        String text = config.toString();
        assertFalse(text.contains("s3cr3t-pw"), text);
        assertFalse(text.contains("trust-pw"), text);
        assertTrue(text.contains("localhost:9093") && text.contains("cheap"), text);
    }
}
