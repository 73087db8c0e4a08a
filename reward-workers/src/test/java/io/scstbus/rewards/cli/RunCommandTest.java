package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.worker.WorkerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class RunCommandTest {

    @TempDir
    Path dir;

    private static RunCommand parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("worker.yaml"), text);
    }

    @Test
    void configFileSuppliesTheSettings() throws IOException {
        Path file = yaml("""
                signals: [sde, count_abs]
                group: scene-graph
                stream-threads: 2
                signal-deadline: PT5S
                partitions: 6
                answer-unknown: true
                """);

        WorkerConfig config = parse("--bootstrap", "localhost:9092", "--config", file.toString()).workerConfig();

        assertEquals(List.of("sde", "count_abs"), config.signals());
        assertEquals("scene-graph", config.group());
        assertEquals(2, config.streamThreads());
        assertEquals(Duration.ofSeconds(5), config.signalDeadline());
        assertEquals(6, config.partitions());
        assertTrue(config.answerUnknown());
    }

    @Test
    void recordBudgetDefaultsToAQuarterOfTheTransactionTimeout() throws IOException {
        Path file = yaml("signals: [length]\ntransaction-timeout: PT20S\nmax-candidates: 33\n");

        WorkerConfig config = parse("--bootstrap", "localhost:9092", "--config", file.toString()).workerConfig();

        assertEquals(Duration.ofSeconds(20), config.transactionTimeout());
        assertEquals(Duration.ofSeconds(5), config.recordBudget());
        assertEquals(33, config.maxCandidates());
    }

    @Test
    void commitIntervalBecomesTheStreamsCommitInterval() throws IOException {
        WorkerConfig fromFlag = parse("--bootstrap", "localhost:9092", "--signals", "length",
                "--commit-interval", "PT0.02S").workerConfig();
        WorkerConfig fromFile = parse("--bootstrap", "localhost:9092", "--config",
                yaml("signals: [length]\ncommit-interval: PT0.05S\n").toString()).workerConfig();

        assertEquals(20L, fromFlag.kafkaClient().get("commit.interval.ms"));
        assertEquals(50L, fromFile.kafkaClient().get("commit.interval.ms"));
    }

    @Test
    void commitIntervalNotShorterThanTheTransactionTimeoutFailsAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--bootstrap",
                "localhost:9092", "--signals", "length", "--commit-interval", "PT10S").workerConfig());

        assertEquals("commit-interval must be at least 1 ms and shorter than the transaction-timeout (PT10S), "
                + "got PT10S", e.getMessage());
    }

    @Test
    void recordBudgetPastHalfTheTransactionTimeoutFailsAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--bootstrap",
                "localhost:9092", "--signals", "length", "--record-budget", "PT6S").workerConfig());

        assertEquals("record-budget must be positive and at most half the transaction-timeout (PT10S), got PT6S",
                e.getMessage());
    }

    @Test
    void commandLineOverridesTheConfigFile() throws IOException {
        Path file = yaml("signals: [sde]\ngroup: from-file\npartitions: 3\n");

        WorkerConfig config = parse("--bootstrap", "localhost:9092", "--config", file.toString(),
                "--group", "from-cli", "--partitions", "6", "--signals", "length").workerConfig();

        assertEquals("from-cli", config.group());
        assertEquals(6, config.partitions());
        assertEquals(List.of("length"), config.signals());
    }

    @Test
    void defaultsApplyWithoutAConfigFile() {
        WorkerConfig config = parse("--bootstrap", "localhost:9092", "--signals", "length").workerConfig();

        assertEquals("default", config.group());
        assertEquals(0, config.partitions());
        assertFalse(config.answerUnknown());
    }

    @Test
    void theStateDirectoryIsTheSameAtEveryStartOfAWorkerAndItsOwnPerWorkerId() {
        WorkerConfig first = parse("--bootstrap", "b:9092", "--signals", "vocab_kl", "--worker-id", "w-1").workerConfig();
        WorkerConfig restarted = parse("--bootstrap", "b:9092", "--signals", "vocab_kl", "--worker-id", "w-1").workerConfig();
        WorkerConfig other = parse("--bootstrap", "b:9092", "--signals", "vocab_kl", "--worker-id", "w-2").workerConfig();

        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "scst-bus-worker", "w-1"), first.stateDir());
        assertEquals(first.stateDir(), restarted.stateDir());
        assertNotEquals(first.stateDir(), other.stateDir());
        assertEquals(dir, parse("--bootstrap", "b:9092", "--signals", "vocab_kl", "--worker-id", "w-1",
                "--state-dir", dir.toString()).workerConfig().stateDir(), "--state-dir wins");
    }

    @Test
    void theDefaultWorkerIdIsStableAndDiffersBetweenInstancesOfAHost() {
        WorkerConfig first = parse("--bootstrap", "b:9092", "--signals", "length", "--grpc-port", "50051").workerConfig();
        WorkerConfig restarted = parse("--bootstrap", "b:9092", "--signals", "length", "--grpc-port", "50051").workerConfig();
        WorkerConfig second = parse("--bootstrap", "b:9092", "--signals", "length", "--grpc-port", "50052").workerConfig();

        assertEquals(first.workerId(), restarted.workerId());
        assertEquals(first.stateDir(), restarted.stateDir());
        assertTrue(first.workerId().endsWith("-50051"), first.workerId());
        assertNotEquals(first.stateDir(), second.stateDir());
    }

    @Test
    void unknownKeyIsNamedWithTheKnownKeys() throws IOException {
        Path file = yaml("signals: [length]\nstream-thread: 2\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--bootstrap", "b:9092", "--config", file.toString()).workerConfig());

        assertTrue(e.getMessage().contains("unknown key 'stream-thread';"), e.getMessage());
        assertTrue(e.getMessage().contains("stream-threads"), e.getMessage());
    }

    @Test
    void valueOfTheWrongTypeNamesTheKey() throws IOException {
        Path file = yaml("signals: [length]\nstream-threads: many\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--bootstrap", "b:9092", "--config", file.toString()).workerConfig());

        assertTrue(e.getMessage().contains("key 'stream-threads'"), e.getMessage());
    }

    @Test
    void outOfRangeValueFromTheFileNamesTheField() throws IOException {
        Path file = yaml("signals: [length]\nstream-threads: 0\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--bootstrap", "b:9092", "--config", file.toString()).workerConfig());

        assertEquals("stream-threads must be in [1, 64], got 0", e.getMessage());
    }

    @Test
    void badDurationNamesTheKey() throws IOException {
        Path file = yaml("signals: [length]\nsignal-deadline: 2 seconds\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--bootstrap", "b:9092", "--config", file.toString()).workerConfig());

        assertTrue(e.getMessage().contains("'signal-deadline' must be an ISO-8601 duration"), e.getMessage());
    }

    @Test
    void missingSignalsAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--bootstrap", "b:9092").workerConfig());

        assertTrue(e.getMessage().startsWith("signals: none given"), e.getMessage());
    }

    @Test
    void factualParserWithoutAModelFailsAtStartNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setErr(new PrintWriter(err, true));

        int code = cl.execute("--bootstrap", "localhost:1", "--signals", "sde", "--parser", "factual");

        assertEquals(2, code);
        assertTrue(err.toString().contains("--factual-model DIR is required with --parser factual"), err.toString());
    }

    @Test
    void parserFromTheConfigFileIsUsed() throws IOException {
        Path file = yaml("signals: [sde]\nparser: remote\n");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand());
        cl.setErr(new PrintWriter(err, true));

        int code = cl.execute("--bootstrap", "localhost:1", "--config", file.toString());

        assertEquals(2, code);
        assertTrue(err.toString().contains("--graph-service HOST:PORT is required with --parser remote"), err.toString());
    }

    @Test
    void everyOptionHasADescriptionInHelp() {
        CommandLine cl = new CommandLine(new RewardWorkerCommand()).getSubcommands().get("run");
        for (OptionSpec option : cl.getCommandSpec().options()) {
            String description = String.join(" ", option.description());
            assertFalse(description.isBlank(), option.longestName() + " has no description");
        }
        String usage = cl.getUsageMessage();
        for (String option : List.of("--config", "--parser", "--factual-model", "--graph-service", "--partitions",
                "--answer-unknown", "--vocab-kl-window")) {
            assertTrue(usage.contains(option), option);
        }
    }
}
