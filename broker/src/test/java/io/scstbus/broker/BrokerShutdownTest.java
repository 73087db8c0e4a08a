package io.scstbus.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.scstbus.proto.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stopping the broker, as {@code bin/broker} does on SIGTERM and {@code bin/trainer} at the end of an
 * embedded run: nothing at WARN or above on stderr (where the broker logs), and no thread of its
 * controller's registration channel left behind. Its own broker, since closing it is the test.
 */
class BrokerShutdownTest {

    @Test
    void closingLogsNoWarningAndStopsTheRegistrationChannel() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
        broker.createBusTopics(Topics.withPrefix("stop."), 1);
        assertFalse(registrationThreads().isEmpty(), "no registration channel thread while the broker runs");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            broker.close();
        } finally {
            System.setErr(stderr);
        }
        List<String> warnings = log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.matches("\\S+ (WARN|ERROR) .*"))
                .toList();
        assertEquals(List.of(), warnings, "closing the broker logged warnings");
        assertEquals(List.of(), registrationThreads(), "threads of the registration channel outlive the broker");
    }

    private static List<String> registrationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains("registration"))
                .sorted()
                .toList();
    }
}
