package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Attributes;
import io.grpc.ServerBuilder;
import io.grpc.ServerTransportFilter;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.graph.remote.SceneGraphGrpcService;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import io.scstbus.rewards.worker.WorkerEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** build-counts on a slice of RSICD (real captions) with detector counts in DIOR's format. */
class BuildCountsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SLICE = Set.of("storagetanks_263.jpg", "baseballfield_2.jpg", "airport_100.jpg");

    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    static Path dir;
    static Path dataset;
    static Path detector;

    @BeforeAll
    static void slice() throws Exception {
        JsonNode rsicd = JSON.readTree(TestData.data("rsicd/rsicd_5caps.json").toFile());
        ObjectNode root = JSON.createObjectNode();
        ArrayNode images = root.putArray("images");
        for (JsonNode image : rsicd.path("images")) {
            if (SLICE.contains(image.path("filename").asText())) {
                images.add(image);
            }
        }
        dataset = dir.resolve("slice.json");
        JSON.writeValue(dataset.toFile(), root);
        detector = dir.resolve("detector.json");
        Files.writeString(detector, "{\"storagetanks_263\": {\"storagetank\": 9, \"vehicle\": 4},"
                + " \"baseballfield_2\": {\"tenniscourt\": 2, \"baseballfield\": 1, \"Expressway-Service-area\": 1}}");
    }

    private static JsonNode run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new CommandLine(new BuildCountsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).execute(args);
        assertEquals(0, code);
        ObjectNode merged = JSON.createObjectNode();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode one = JSON.readTree(line);
            assertEquals(1, one.size(), "one image per line: " + line);
            merged.setAll((ObjectNode) one);
        }
        return merged;
    }

    @Test
    void captionCountsComeFromTheReferences() throws Exception {
        JsonNode counts = run("--dataset", dataset.toString());
        assertEquals(7, counts.path("storagetanks_263").path("storage tank").asInt());
        assertEquals(3, counts.path("baseballfield_2").path("tennis court").asInt());
        assertTrue(counts.path("airport_100").path("plane").isMissingNode(), "'many planes' states no number");
    }

    @Test
    void captionCountsWinOverTheDetectorAndDetectorOnlyObjectsAreAdded() throws Exception {
        JsonNode counts = run("--dataset", dataset.toString(), "--detector", detector.toString());
        JsonNode tanks = counts.path("storagetanks_263");
        assertEquals(7, tanks.path("storage tank").asInt());
        assertEquals(4, tanks.path("vehicle").asInt());
        JsonNode field = counts.path("baseballfield_2");
        assertEquals(3, field.path("tennis court").asInt());
        assertEquals(1, field.path("baseball field").asInt());
        assertEquals(1, field.path("service area").asInt());
    }

    @Test
    void everyImageGetsALineInDatasetOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CommandLine(new BuildCountsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .execute("--dataset", dataset.toString(), "--limit", "2");
        List<String> lines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(2, lines.size());
        assertTrue(new CommandLine(new RewardWorkerCommand()).getSubcommands().containsKey("build-counts"));
    }

    private record Failed(int exitCode, String err) {
    }

    private static Failed runFailing(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new BuildCountsCommand(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Failed(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWriteThatFailsFailsTheCommandNamingTheFile() {
        // /dev/full: every write fails with "No space left on device"
        Failed run = runFailing("--dataset", dataset.toString(), "--output", FULL.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("build-counts: cannot write /dev/full"), run.err());
        assertTrue(run.err().contains("No space left on device"), run.err());
    }

    @Test
    void anOutputInAMissingDirectoryFailsNamingIt() {
        Path missing = dir.resolve("no-such-dir/counts.jsonl");

        Failed run = runFailing("--dataset", dataset.toString(), "--output", missing.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("cannot write " + missing), run.err());
    }

    /** A real scene-graph service (rules parser) that counts the client connections open to it. */
    @Test
    void theRemoteParserIsClosedOnTheFailurePaths() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        ServerTransportFilter counting = new ServerTransportFilter() {
            @Override
            public Attributes transportReady(Attributes attributes) {
                connections.incrementAndGet();
                return attributes;
            }

            @Override
            public void transportTerminated(Attributes attributes) {
                connections.decrementAndGet();
            }
        };
        try (WorkerEndpoints service = new WorkerEndpoints(ServerBuilder.forPort(0).addTransportFilter(counting), null, -1,
                new SceneGraphGrpcService(new RulesSceneGraphParser(), SceneGraphGrpcService.Limits.DEFAULT)).start()) {
            service.serving(true);
            String target = "localhost:" + service.grpcPort();
            List<List<String>> failing = List.of(
                    List.of("--dataset", dir.resolve("no-such-dataset.json").toString()),
                    List.of("--dataset", dataset.toString(), "--output", FULL.toString()));
            for (List<String> args : failing) {
                List<String> all = new java.util.ArrayList<>(List.of("--parser", "remote", "--graph-service", target));
                all.addAll(args);

                Failed run = runFailing(all.toArray(String[]::new));

                assertTrue(run.exitCode() != 0, args + ": " + run.err());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (connections.get() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(0, connections.get(), args + ": build-counts left its parser's connection open");
            }
        }
    }
}
