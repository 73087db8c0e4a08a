package io.scstbus.rewards.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a worker keeps its Kafka Streams state (vocab_kl's window stores and their checkpoints). A
 * {@code reward-worker run} instance defaults to a stable directory per worker id, so a restart finds its
 * stores and checkpoints and restores only what the changelog gained meanwhile, not the whole changelog;
 * a worker built in a program without a directory (tests, the trainer's embedded workers, the bench) gets a
 * temporary one that is deleted when it closes.
 */
public final class StateDirectories {

    private StateDirectories() {
    }

    /**
     * {@code <java.io.tmpdir>/scst-bus-worker/<worker id>}, the id's characters other than letters, digits,
     * '.', '_' and '-' replaced by '_'. Kafka Streams adds the application id (one per group) below it.
     */
    public static Path stable(String workerId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "scst-bus-worker",
                workerId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** A new temporary directory for a worker of {@code group}; delete it with {@link #delete}. */
    public static Path temporary(String group) {
        try {
            return Files.createTempDirectory("scst-bus-worker-" + group + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for worker group " + group, e);
        }
    }

    /** Deletes {@code dir} and everything in it; a missing directory is no error. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the state directory " + dir, e);
        }
    }
}
