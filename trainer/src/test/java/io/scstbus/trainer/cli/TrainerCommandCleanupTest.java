package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A trainer run that fails after its embedded broker and workers started stops them before it returns. */
class TrainerCommandCleanupTest {

    /** Threads of a Kafka broker, Kafka clients and Kafka Streams workers. */
    private static final Pattern KAFKA_THREAD = Pattern.compile("(?i).*(kafka|raft|streamthread|broker|controller).*");

    @Test
    void aRunFailingAfterTheEmbeddedBusStartedLeavesNoBrokerOrWorkerRunning(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("run.yaml"), """
                preset: smoke
                data:
                  name: synthetic
                  root: "%1$s"
                  annotations: [{path: "%1$s/dataset.json", format: AUTO}]
                  images: "%1$s/images"
                  counts: "%1$s/counts.json"
                  synthetic: {images: 12, seed: 3}
                checkpoint: {dir: "%2$s", every_steps: 0}
                """.formatted(data, dir.resolve("ckpt")));
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        StringWriter err = new StringWriter();
        CommandLine trainer = new CommandLine(new TrainerCommand());
        trainer.setErr(new PrintWriter(err, true));

        // the deadline is checked by the Kafka bus, which opens after the embedded broker and workers started
        int exit = trainer.execute("--config", config.toString(), "--preset", "smoke", "--reward-deadline", "PT0S");

        assertNotEquals(0, exit);
        assertTrue(err.toString().contains("the reward deadline must be positive, got PT0S"), err.toString());
        List<String> left = List.of();
        for (int wait = 0; wait < 300; wait++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t) && KAFKA_THREAD.matcher(t.getName()).matches())
                    .map(Thread::getName).sorted().toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(List.of(), left, "threads of the embedded broker and workers still running");
    }
}
