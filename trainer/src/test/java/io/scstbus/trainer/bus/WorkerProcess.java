package io.scstbus.trainer.bus;

import io.scstbus.rewards.worker.StateDirectories;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A reward worker in its own JVM, started through the real CLI, so a test can SIGKILL it. */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path stateDir;

    private WorkerProcess(Process process, Path log, Path stateDir) {
        this.process = process;
        this.log = log;
        this.stateDir = stateDir;
    }

    public static WorkerProcess start(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.scstbus.rewards.cli.RewardWorkerCommand", "run"));
        command.addAll(List.of(args));
        // a fresh state directory: the stable default per worker id would be shared with other runs on the host
        Path stateDir = StateDirectories.temporary("test");
        command.addAll(List.of("--state-dir", stateDir.toString()));
        Path log = Files.createTempFile("worker-", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(" running ")) {
                return new WorkerProcess(process, log, stateDir);
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("worker exited with " + process.exitValue() + " before it was running; log:\n"
                + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook, no transaction commit or abort, no leaving the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public File log() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        StateDirectories.delete(stateDir);
    }
}
