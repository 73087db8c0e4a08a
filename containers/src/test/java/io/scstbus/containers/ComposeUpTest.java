package io.scstbus.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.BusTopicReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker compose up} on the repository's docker-compose.yml with docker-compose.local.yml (the
 * local images, host networking) and SCSTBUS_PRESET=smoke, as a user without a registry runs it: the
 * trainer's smoke run must finish, its summary must match what the topics hold, and each worker group
 * must have answered every rollout exactly once. {@code down -v} at the end, whatever happened.
 */
class ComposeUpTest {

    private static final String PROJECT = "scstbus-compose-test";
    private static final String RUN = "compose-smoke";
    /** The host ports the compose services take with host networking: kafka, the groups' gRPC and metrics. */
    private static final List<Integer> PORTS = List.of(9092, 50051, 50052, 9404, 9405);

    @TempDir
    static Path out;

    private static List<String> compose;

    @BeforeAll
    static void composeAndFreePorts() throws Exception {
        LocalImages.requireDocker();
        compose = composeCommand();
        for (int port : PORTS) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.getLocalPort();
            } catch (IOException e) {
                fail("port " + port + " on localhost is taken, and the compose services need it with host networking "
                        + "(ports " + PORTS + "); stop what holds it: " + e.getMessage());
            }
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (compose != null) {
            Result r = run(5, "down", "-v", "--remove-orphans");
            assertEquals(0, r.exit(), "docker compose down -v failed:\n" + r.output());
        }
    }

    @Test
    void theSmokeRunFinishesAndItsSummaryMatchesTheTopics() throws Exception {
        Result up = run(12, "up", "-d");
        assertEquals(0, up.exit(), "docker compose up -d failed:\n" + up.output() + logs());
        String trainer = run(1, "ps", "-q", "trainer").output().strip();
        assertTrue(!trainer.isEmpty(), "no trainer container:\n" + logs());
        Result waited = docker(12, "wait", trainer);
        assertEquals("0", waited.output().strip(), "the trainer's exit status; logs:\n" + logs());

        Path summaryFile = out.resolve("summary.json");
        Result cp = docker(1, "cp", trainer + ":/var/lib/scst-bus/reports/summary.json", summaryFile.toString());
        assertEquals(0, cp.exit(), cp.output());
        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertEquals(RUN, summary.get("run_id").asText());
        assertEquals(10, summary.get("steps").asInt(), "SCST steps of the smoke preset");
        assertEquals(0, summary.get("groups_dropped").asLong(), "groups dropped");
        assertEquals(summary.get("results_expected").asLong(), summary.get("results_received").asLong(), "results");

        // The topics, from the host (the broker listens on localhost:9092): every rollout of the run on the
        // rollouts topic, one result per rollout from each worker group, and the scores the summary counted.
        Map<String, Object> client = ClientConfig.base("localhost:9092", null);
        Set<RolloutKey> rollouts = new HashSet<>();
        BusTopicReader.readAll(client, Topics.DEFAULT.rolloutTopic(), r -> {
            if (r.key().getRunId().equals(RUN)) {
                rollouts.add(r.key());
            }
        });
        assertEquals(summary.get("rollouts_published").asLong(), rollouts.size(), "rollouts on scst.rollouts");
        Map<String, Map<RolloutKey, Integer>> resultsByGroup = new HashMap<>();
        long[] scores = {0};
        BusTopicReader.readAll(client, Topics.DEFAULT.rewardTopic(), r -> {
            if (r.key().getRunId().equals(RUN)) {
                resultsByGroup.computeIfAbsent(r.value().getWorkerGroup(), g -> new HashMap<>()).merge(r.key(), 1, Integer::sum);
                scores[0] += r.value().getCandidatesList().stream().mapToLong(CandidateScores::getScoresCount).sum();
            }
        });
        assertEquals(Set.of("cheap", "scene-graph"), resultsByGroup.keySet(), "worker groups that answered");
        resultsByGroup.forEach((group, results) -> {
            assertEquals(rollouts, results.keySet(), group + " answered other rollouts than were published");
            results.forEach((key, n) -> assertEquals(1, n, group + " results for " + key));
        });
        assertEquals(summary.get("results_received").asLong(), scores[0], "scores on scst.rewards vs the summary");
    }

    private static String logs() throws Exception {
        return "\n--- docker compose logs ---\n" + run(2, "logs", "--no-color", "--tail", "60").output();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(int minutes, String... args) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", PROJECT, "-f", LocalImages.root().resolve("docker-compose.yml").toString(),
                "-f", LocalImages.root().resolve("docker-compose.local.yml").toString()));
        command.addAll(List.of(args));
        return exec(minutes, command);
    }

    private static Result docker(int minutes, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return exec(minutes, command);
    }

    private static Result exec(int minutes, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SCSTBUS_PRESET", "smoke");
        pb.environment().put("SCSTBUS_VERSION", LocalImages.VERSION);
        Path log = Files.createTempFile(out, "compose", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not finish in " + minutes + " min:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Debian's docker-compose (1.29), else the Compose plugin of the docker CLI. */
    private static List<String> composeCommand() throws Exception {
        for (List<String> candidate : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Process p = new ProcessBuilder(version).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return fail("neither docker-compose nor docker compose is installed (apt-get install docker-compose; .ci/run does)");
    }
}
