package io.scstbus.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    @Test
    void redactedHidesPasswordsAndJaasLinesAndKeepsTheRest() {
        Map<String, Object> config = Map.of(
                "bootstrap.servers", "localhost:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.location", "/etc/ca.p12",
                "ssl.truststore.password", "t",
                "ssl.keystore.password", "k",
                "ssl.key.password", "kk",
                "sasl.oauthbearer.client.credentials.client.secret", "s");
        Map<String, Object> redacted = ClientConfig.redacted(config);
        assertEquals(Map.of(
                "bootstrap.servers", "localhost:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "[hidden]",
                "ssl.truststore.location", "/etc/ca.p12",
                "ssl.truststore.password", "[hidden]",
                "ssl.keystore.password", "[hidden]",
                "ssl.key.password", "[hidden]",
                "sasl.oauthbearer.client.credentials.client.secret", "[hidden]"), redacted);
    }
}
