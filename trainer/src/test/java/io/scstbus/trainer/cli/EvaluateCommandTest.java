package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.metrics.CaptionEvaluation;
import io.scstbus.rewards.metrics.CaptionEvaluation.Metric;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.text.Tokenization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    private static final String KARPATHY = """
            {"dataset": "toy", "images": [
              {"imgid": 0, "filename": "airport_1.jpg", "split": "test", "sentences": [
                {"raw": "Many planes are parked next to a long building."},
                {"raw": "Several planes are near the terminal of an airport."}]},
              {"imgid": 1, "filename": "river_2.jpg", "split": "test", "sentences": [
                {"raw": "A river flows through the green forest."},
                {"raw": "A winding river is surrounded by dense trees."}]},
              {"imgid": 2, "filename": "river_3.jpg", "split": "train", "sentences": [
                {"raw": "A river goes across the farmland."}]},
              {"imgid": 3, "filename": "airport_4.jpg", "split": "train", "sentences": [
                {"raw": "Planes are parked at the airport."}]}]}""";

    private static final String RESULTS = """
            [{"image_id": 0, "caption": "Many planes are parked near the terminal."},
             {"image_id": "river_2", "caption": "A river flows through the forest."}]""";

    @TempDir
    Path dir;

    private record Run(int exitCode, List<String> lines, String stderr) {
    }

    private Run run(String annotations, String results, String... extra) throws IOException {
        Path annotationFile = dir.resolve("annotations.json");
        Path resultFile = dir.resolve("results.json");
        Files.writeString(annotationFile, annotations);
        Files.writeString(resultFile, results);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine command = new CommandLine(new EvaluateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                errStream));
        command.setErr(new PrintWriter(errStream, true));
        List<String> args = new ArrayList<>(List.of("--results", resultFile.toString(),
                "--annotations", annotationFile.toString()));
        args.addAll(List.of(extra));
        int exitCode = command.execute(args.toArray(String[]::new));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return new Run(exitCode, lines, err.toString(StandardCharsets.UTF_8));
    }

    /** "Label: value" rows of the table, in order. */
    private static Map<String, Double> table(Run run) {
        Map<String, Double> rows = new LinkedHashMap<>();
        for (String line : run.lines().subList(1, run.lines().size())) {
            if (line.isEmpty()) {
                break; // the footer follows
            }
            String[] parts = line.split(": ");
            rows.put(parts[0], Double.parseDouble(parts[1]));
        }
        return rows;
    }

    @Test
    void printsTheCocoTableWithTheLibrarysCorpusValues() throws IOException {
        Run run = run(KARPATHY, RESULTS, "--digits", "15");
        assertEquals(0, run.exitCode(), run.stderr());

        List<CaptionEvaluation.Item> items = List.of(
                item("Many planes are parked near the terminal.", "Many planes are parked next to a long building.",
                        "Several planes are near the terminal of an airport."),
                item("A river flows through the forest.", "A river flows through the green forest.",
                        "A winding river is surrounded by dense trees."));
        Map<String, Double> expected = CaptionEvaluation.evaluate(items, EnumSet.allOf(Metric.class), null).corpus();
        Map<String, Double> table = table(run);
        assertEquals(List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "ROUGE_L", "CIDEr", "CIDEr-D"),
                List.copyOf(table.keySet()));
        assertEquals(expected.get("bleu_4"), table.get("Bleu_4"), 1e-15);
        assertEquals(expected.get("rouge_l"), table.get("ROUGE_L"), 1e-15);
        assertEquals(expected.get("cider"), table.get("CIDEr"), 1e-15);
        assertTrue(run.stderr().contains("no --df-from"), run.stderr());
    }

    private static CaptionEvaluation.Item item(String candidate, String... references) {
        return new CaptionEvaluation.Item(CaptionTokens.of(Tokenization.PTB, candidate),
                List.of(references).stream().map(r -> CaptionTokens.of(Tokenization.PTB, r)).toList());
    }

    @Test
    void printsThreeDecimalsByDefaultAsCocoEvalCapDoes() throws IOException {
        Run run = run(KARPATHY, RESULTS);
        assertTrue(run.lines().get(1).matches("Bleu_1: \\d\\.\\d{3}"), run.lines().get(1));
    }

    @Test
    void readsCocoAnnotationFiles() throws IOException {
        String coco = """
                {"images": [{"id": 42, "file_name": "a.jpg"}],
                 "annotations": [{"image_id": 42, "caption": "A plane on a runway."},
                                 {"image_id": 42, "caption": "A white plane is parked on the runway."}]}""";
        Run run = run(coco, "[{\"image_id\": 42, \"caption\": \"a plane on the runway\"}]");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(0.0, table(run).get("CIDEr"), "one image: pycocoevalcap's CIDEr is 0");
    }

    @Test
    void ciderDUsesTheTrainSplitOfDfFrom() throws IOException {
        Path dataset = dir.resolve("dataset.json");
        Files.writeString(dataset, KARPATHY);
        Run run = run(KARPATHY, RESULTS, "--df-from", dataset.toString(), "--digits", "12");
        assertEquals(0, run.exitCode(), run.stderr());
        assertNotEquals(table(run).get("CIDEr"), table(run).get("CIDEr-D"));
        assertEquals("", run.stderr());
    }

    @Test
    void spiceWithoutCoreNlpModelsFailsNamingTheCommandThatFetchesThem() throws IOException {
        // the models jar is on the integration tests' classpath only (EvaluateSpiceIT), never on this one
        Run run = run(KARPATHY, RESULTS, "--spice");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("dependency:get -Dartifact=edu.stanford.nlp:stanford-corenlp:4.5.10:jar:models"),
                run.stderr());
    }

    @Test
    void unknownImageIsAnErrorNamingIt() throws IOException {
        Run run = run(KARPATHY, "[{\"image_id\": 77, \"caption\": \"a plane\"}]");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("image_id 77"), run.stderr());
    }

    @Test
    void twoCaptionsForOneImageAreAnError() throws IOException {
        Run run = run(KARPATHY, """
                [{"image_id": 0, "caption": "a plane"}, {"image_id": "airport_1.jpg", "caption": "planes"}]""");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("more than one caption"), run.stderr());
    }
}
