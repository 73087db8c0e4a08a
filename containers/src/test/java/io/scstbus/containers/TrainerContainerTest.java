package io.scstbus.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The trainer image runs a smoke training against the broker image, with a worker container serving
 * its signals: all three images, nothing of the project on the host. The run's checkpoints and summary
 * land where --checkpoint-dir and --report-dir say.
 */
class TrainerContainerTest {

    /** The smoke preset with the cheap group's signals only, so one worker container serves the run. */
    private static final String RUN_YAML = """
            preset: smoke
            scst:
              signals: {cider_d: 1.0, length: 0.0}
            eval:
              signals: [cider_d, bleu_4, rouge_l]
            """;

    @TempDir
    Path out;

    @BeforeAll
    static void docker() {
        LocalImages.requireDocker();
    }

    @Test
    void theTrainerContainerTrainsAgainstTheBrokerContainer() throws Exception {
        int kafkaPort = LocalImages.freePort();
        String bootstrap = "localhost:" + kafkaPort;
        Path config = out.resolve("run.yaml");
        Files.writeString(config, RUN_YAML);
        // the images run as 65532: let it write the bound folder
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        ToStringConsumer brokerOutput = new ToStringConsumer();
        ToStringConsumer workerOutput = new ToStringConsumer();
        ToStringConsumer trainerOutput = new ToStringConsumer();
        try (GenericContainer<?> broker = LocalImages.onHostNetwork("broker", brokerOutput)
                .withCommand("--port", String.valueOf(kafkaPort), "--data-dir", "/var/lib/kafka/data")
                .waitingFor(Wait.forLogMessage(".*broker ready on.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
             GenericContainer<?> worker = LocalImages.worker(bootstrap, "cheap", "cider_d,length,bleu_4,rouge_l", "tc-1",
                     workerOutput, "--answer-unknown");
             GenericContainer<?> trainer = LocalImages.onHostNetwork("trainer", trainerOutput)
                     .withCopyFileToContainer(MountableFile.forHostPath(config, 0644), "/etc/scst-bus/run.yaml")
                     .withFileSystemBind(out.toString(), "/out", BindMode.READ_WRITE)
                     .withEnv("JAVA_OPTS", "-Xmx2g")
                     .withCommand("--bootstrap", bootstrap, "--config", "/etc/scst-bus/run.yaml", "--seed", "1",
                             "--run-id", "trainer-container", "--checkpoint-dir", "/out/checkpoints",
                             "--report-dir", "/out/reports")
                     .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(8)))) {
            broker.start();
            worker.start();
            try {
                trainer.start();
            } catch (RuntimeException e) {
                throw new AssertionError("the trainer container failed; its output:\n" + trainerOutput.toUtf8String()
                        + "\nworker:\n" + workerOutput.toUtf8String(), e);
            }
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("reports/trainer-container/summary.json").toFile());
        assertEquals(10, summary.get("steps").asInt(), "SCST steps");
        assertEquals(0, summary.get("groups_dropped").asLong(), "groups dropped");
        assertTrue(summary.get("results_expected").asLong() > 0);
        assertEquals(summary.get("results_expected").asLong(), summary.get("results_received").asLong(), "results");
        assertTrue(summary.get("val_after_scst").get("cider_d").isNumber(), "val_after_scst has no cider_d");
        try (var checkpoints = Files.list(out.resolve("checkpoints/trainer-container"))) {
            assertTrue(checkpoints.findAny().isPresent(), "no checkpoint in --checkpoint-dir");
        }
    }
}
