package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.rewards.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** build-counts on a slice of RSICD (real captions) with detector counts in DIOR's format. */
class BuildCountsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SLICE = Set.of("storagetanks_263.jpg", "baseballfield_2.jpg", "airport_100.jpg");

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
}
