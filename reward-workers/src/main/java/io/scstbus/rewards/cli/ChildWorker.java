package io.scstbus.rewards.cli;

import io.scstbus.rewards.worker.StateDirectories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A reward worker in its own JVM, started through the real {@code run} command with this JVM's
 * classpath: what the bench scales with, and what a test can kill with SIGKILL. {@link #start} returns
 * once the worker printed that it is running; its stdout is drained and its stderr goes to a log file.
 */
public final class ChildWorker implements AutoCloseable {

    private final Process process;
    private final Path log;
    /** The temporary state directory given to the worker (none in its arguments), deleted on close; else null. */
    private final Path stateDir;

    private ChildWorker(Process process, Path log, Path stateDir) {
        this.process = process;
        this.log = log;
        this.stateDir = stateDir;
    }

    /**
     * Starts {@code reward-worker run ARGS} in a new JVM with {@code jvmOptions} (e.g. {@code -Xmx1g})
     * and extra environment variables (e.g. {@code SCSTBUS_KAFKA_COMMIT_INTERVAL_MS}). Without a
     * {@code --state-dir} in {@code args} the worker gets a fresh temporary one, deleted on {@link #close}
     * (the stable default per worker id would be shared by every run of a bench or test on the host).
     */
    public static ChildWorker start(List<String> jvmOptions, Map<String, String> environment, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                RewardWorkerCommand.class.getName(), "run"));
        command.addAll(args);
        Path stateDir = args.contains("--state-dir") ? null : StateDirectories.temporary("child");
        if (stateDir != null) {
            command.addAll(List.of("--state-dir", stateDir.toString()));
        }
        Path log = Files.createTempFile("scst-bus-worker-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(" running ")) {
                Thread drain = new Thread(() -> drain(out), "child-worker-stdout");
                drain.setDaemon(true);
                drain.start();
                return new ChildWorker(process, log, stateDir);
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
        if (stateDir != null) {
            StateDirectories.delete(stateDir);
        }
        throw new IllegalStateException("worker exited with " + (process.isAlive() ? "nothing (still alive)"
                : process.exitValue()) + " before it was running; command " + command + "; log " + log + ":\n"
                + Files.readString(log));
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard: the worker logs to stderr
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the worker process has used so far (zero where the platform does not say). */
    public java.time.Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The worker's stderr (its log). */
    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no transaction commit or abort, no leaving the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (stateDir != null) {
            StateDirectories.delete(stateDir);
        }
    }
}
