package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.rewards.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ScoreCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    private record Run(int exitCode, List<JsonNode> lines, String stdout, String stderr) {
    }

    private static Run run(String stdin, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine command = new CommandLine(new ScoreCommand(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, errStream));
        command.setErr(new PrintWriter(errStream, true));
        int exitCode = command.execute(args);
        String stdout = out.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exitCode, lines, stdout, err.toString(StandardCharsets.UTF_8));
    }

    private static String line(String id, String candidate, String... references) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("id", id, "candidate", candidate,
                "references", List.of(references))) + "\n";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest(name = "--tokenize {0}")
    @CsvSource({"ptb, ptb", "none, raw"})
    void reproducesTheEdgeVectorsEndToEnd(String mode, String vectorKey) throws IOException {
        JsonNode suite = JSON.readTree(TestData.data("metrics/vectors.json").toFile()).get("suites").get("edge");
        StringBuilder stdin = new StringBuilder();
        for (JsonNode item : suite.get("items")) {
            ObjectNode input = ((ObjectNode) item.deepCopy()).retain("id", "candidate", "references");
            stdin.append(JSON.writeValueAsString(input)).append('\n');
        }
        Run run = run(stdin.toString(), "--metrics", "bleu,rouge_l,cider", "--tokenize", mode);

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(suite.get("items").size() + 1, run.lines().size());
        Iterator<JsonNode> expected = suite.get("items").iterator();
        for (JsonNode actual : run.lines().subList(0, run.lines().size() - 1)) {
            JsonNode item = expected.next();
            JsonNode values = item.get(vectorKey);
            assertEquals(item.get("id"), actual.get("id"));
            for (String key : List.of("bleu_1", "bleu_2", "bleu_3", "bleu_4", "rouge_l")) {
                assertEquals(values.get(key).asDouble(), actual.get(key).asDouble(),
                        1e-15 * Math.abs(values.get(key).asDouble()), item.get("id") + " " + key);
            }
            assertEquals(values.get("cider_coco").asDouble(), actual.get("cider").asDouble(),
                    1e-12 * values.get("cider_coco").asDouble(), item.get("id") + " cider");
        }
        JsonNode corpus = run.lines().get(run.lines().size() - 1).get("corpus");
        JsonNode expectedCorpus = suite.get("corpus").get(vectorKey);
        assertEquals(expectedCorpus.get("bleu_4").asDouble(), corpus.get("bleu_4").asDouble(), 1e-15);
        assertEquals(expectedCorpus.get("cider_coco").asDouble(), corpus.get("cider").asDouble(), 1e-12);
    }

    @Test
    void writesOnlyTheRequestedMetricsInTheDocumentedOrder() throws IOException {
        Run run = run(line("a", "a plane on a runway", "a plane is on the runway"),
                "--metrics", "cider,rouge_l,bleu");
        assertEquals(List.of("id", "bleu_1", "bleu_2", "bleu_3", "bleu_4", "rouge_l", "cider"),
                fieldNames(run.lines().get(0)));
        assertEquals(List.of("bleu_1", "bleu_2", "bleu_3", "bleu_4", "rouge_l", "cider"),
                fieldNames(run.lines().get(1).get("corpus")));
        assertEquals(0.0, run.lines().get(0).get("cider").asDouble(), "cider of a one-item input is 0");
    }

    @Test
    void acceptsEmptyCandidatesEmptyReferencesAndNonAsciiText() throws IOException {
        String stdin = line("1", "", "a river") + line("2", "caf\u00e9 \u6a5f\u5834 \u2708") + line("3", "a river", "");
        Run run = run(stdin, "--metrics", "bleu,rouge_l,cider,cider_d");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(4, run.lines().size());
        assertEquals(0.0, run.lines().get(0).get("bleu_4").asDouble());
        assertEquals(0.0, run.lines().get(1).get("rouge_l").asDouble());
    }

    @Test
    void echoesIdsOfEveryJsonKindCompactAndInOrder() throws IOException {
        List<String> ids = List.of("7", "-2.5", "\"a \\\" b\"", "null", "{\"image\":\"x\",\"k\":[1,2]}", "[true,false]", "8");
        StringBuilder stdin = new StringBuilder();
        for (String id : ids) {
            stdin.append("{\"id\": ").append(id.replace(",", ", ")).append(", \"candidate\": \"a\", \"references\": [\"a\"]}\n");
        }
        Run run = run(stdin.toString(), "--tokenize", "none", "--metrics", "rouge_l");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> echoed = run.stdout().lines().limit(ids.size())
                .map(line -> line.substring("{\"id\":".length(), line.indexOf(",\"rouge_l\""))).toList();
        assertEquals(ids, echoed);
    }

    @Test
    void skipsBlankLines() throws IOException {
        Run run = run("\n" + line("x", "a river", "a river") + "   \n", "--metrics", "rouge_l");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(2, run.lines().size());
        assertEquals("x", run.lines().get(0).get("id").asText());
    }

    @Test
    void invalidLineIsReportedWithItsNumberAndNothingIsScored() throws IOException {
        Run run = run(line("1", "a river", "a river") + "{\"id\": 2, \"candidate\": \"a\"\n", "--metrics", "bleu");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("line 2"), run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void lineWithoutReferencesIsInvalid() throws IOException {
        Run run = run(line("1", "a", "a") + "\n{\"id\": 3, \"candidate\": \"a\"}\n", "--metrics", "bleu");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("line 3: \"references\" must be an array of strings"), run.stderr());
    }

    @Test
    void unknownMetricIsACommandLineError() throws IOException {
        Run run = run(line("1", "a", "a"), "--metrics", "bleu,meteor");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("meteor"), run.stderr());
    }

    @Test
    void ciderDWithoutDfFromEqualsCiderAndSaysSo() throws IOException {
        String stdin = line("1", "a plane on a runway", "a plane is on the runway")
                + line("2", "a river in a forest", "a river flows through the forest");
        Run run = run(stdin, "--metrics", "cider,cider_d");
        assertEquals(run.lines().get(0).get("cider"), run.lines().get(0).get("cider_d"));
        assertTrue(run.stderr().contains("no --df-from"), run.stderr());
    }

    @Test
    void ciderDWithDfFromUsesTheDatasetSplitAndCanSaveTheTable() throws IOException {
        Path dataset = dir.resolve("dataset.json");
        Files.writeString(dataset, """
                {"images": [
                  {"imgid": 0, "split": "train", "sentences": [{"raw": "A plane is on the runway."}]},
                  {"imgid": 1, "split": "train", "sentences": [{"raw": "A river flows through the forest."}]},
                  {"imgid": 2, "split": "train", "sentences": [{"raw": "Green trees near a river."}]},
                  {"imgid": 3, "split": "test", "sentences": [{"raw": "A plane on a runway."}]}]}""");
        Path table = dir.resolve("df.tsv");
        String stdin = line("1", "A plane on a runway.", "A plane is on the runway.")
                + line("2", "a river in a forest", "a river flows through the forest");

        Run fromDataset = run(stdin, "--metrics", "cider,cider_d", "--df-from", dataset.toString(),
                "--save-df", table.toString());
        Run fromTable = run(stdin, "--metrics", "cider_d", "--df-from", table.toString());

        assertEquals(0, fromDataset.exitCode(), fromDataset.stderr());
        assertNotEquals(fromDataset.lines().get(0).get("cider"), fromDataset.lines().get(0).get("cider_d"));
        assertEquals("#D=3", Files.readAllLines(table).get(0), "train split only");
        assertEquals(fromDataset.lines().get(0).get("cider_d"), fromTable.lines().get(0).get("cider_d"));
        assertEquals("", fromDataset.stderr());
    }

    @Test
    void unreadableDfFromIsReported() throws IOException {
        Run run = run(line("1", "a", "a"), "--metrics", "cider_d", "--df-from", dir.resolve("missing.json").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("--df-from"), run.stderr());
    }
}
