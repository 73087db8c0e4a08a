package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.SecureBusDir;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RunInfo;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.trainer.bus.RunInfos;
import io.scstbus.rewards.worker.WorkerGroup;
import io.scstbus.trainer.embedded.EmbeddedWorkers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The smoke run on a bus secured as {@code bin/broker --secure DIR} makes it, every component with its
 * own principal over SASL_SSL: admin creates the topics, the two worker groups run with their
 * {@code worker-GROUP.properties}, the trainer with {@code trainer.properties}, replay reads the run back
 * with {@code replay.properties}. Nothing secret reaches the run record or the output.
 */
class SecureSmokeRunTest {

    private static final Topics TOPICS = Topics.DEFAULT;
    private static final String RUN = "secure-smoke";
    /** The smoke preset's groups; the opt-in run-state group (vocab_kl) is not needed. */
    private static final List<WorkerGroup> GROUPS = List.of(WorkerGroup.CHEAP, WorkerGroup.SCENE_GRAPH);

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static SecureBusDir secure;
    private static String output;
    private static JsonNode summary;
    private static int replayExit;

    @BeforeAll
    static void runSecured() throws Exception {
        broker = EmbeddedKafkaBroker.startSecureTemporary(dir.resolve("secrets"), TOPICS,
                GROUPS.stream().map(WorkerGroup::label).toList());
        secure = broker.secure().orElseThrow();
        broker.createBusTopics(TOPICS, 6);
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, "preset: smoke\ndata:\n  root: " + dir.resolve("data") + "\n"
                + "checkpoint:\n  dir: " + dir.resolve("checkpoints") + "\n");
        List<String> signals = new ArrayList<>();
        GROUPS.forEach(group -> signals.addAll(group.signals()));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
        try (EmbeddedWorkers workers = EmbeddedWorkers.startOn(
                group -> secure.clientConfig(broker.bootstrapServers(), "worker-" + group), TOPICS, signals,
                new StandardSignals())) {
            int exit = new CommandLine(new TrainerCommand()).execute("--config", config.toString(), "--seed", "1",
                    "--run-id", RUN, "--summary-json", dir.resolve("summary.json").toString(),
                    "--bootstrap", broker.bootstrapServers(),
                    "--kafka-properties", secure.propertiesFile("trainer").toString());
            assertEquals(0, exit, "trainer exit code");
        }
        replayExit = new CommandLine(new ReplayCommand()).execute("--bootstrap", broker.bootstrapServers(),
                "--kafka-properties", secure.propertiesFile("replay").toString(), "--run", RUN,
                "--out", dir.resolve("replay").toString());
        System.setOut(out);
        System.setErr(err);
        output = captured.toString(StandardCharsets.UTF_8);
        summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theSmokeRunGetsEveryRewardOverTheSecuredBus() {
        assertEquals(10, summary.get("steps").asInt());
        assertEquals(0, summary.get("groups_dropped").asLong(), "groups dropped");
        assertTrue(summary.get("results_expected").asLong() > 0);
        assertEquals(summary.get("results_expected").asLong(), summary.get("results_received").asLong());
    }

    @Test
    void replayReadsTheRunBackWithItsReadOnlyPrincipal() throws Exception {
        assertEquals(0, replayExit, "replay exit code");
        List<String> rows = Files.readAllLines(dir.resolve("replay").resolve("rewards.csv"));
        assertTrue(rows.size() > 1, "rewards.csv has no rows");
    }

    @Test
    void theRunRecordCarriesNoCredentials() {
        RunInfo info = new RunInfos(secure.clientConfig(broker.bootstrapServers(), "replay"), TOPICS).read(RUN)
                .orElseThrow(() -> new AssertionError("no run record of " + RUN));
        String record = info.toString();
        assertFalse(info.getConfigYaml().isEmpty(), "the record holds the run's configuration");
        for (String secret : secrets()) {
            assertFalse(record.contains(secret), "the run record contains a password");
        }
        for (String word : List.of("sasl", "jaas", "password", "truststore")) {
            assertFalse(record.toLowerCase(java.util.Locale.ROOT).contains(word), "the run record mentions " + word);
        }
    }

    @Test
    void noPasswordIsPrintedOrLogged() {
        assertFalse(output.isEmpty(), "nothing was captured");
        for (String secret : secrets()) {
            assertFalse(output.contains(secret), "a password appears in the output");
        }
    }

    private static List<String> secrets() {
        List<String> out = new ArrayList<>(secure.passwords().values());
        assertEquals(5, out.size(), "admin, trainer, two worker groups, replay");
        return out;
    }
}
