package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.metrics.spice.CaptionGraphParser;
import io.scstbus.rewards.metrics.spice.CoreNlpCaptionGraphParser;
import io.scstbus.rewards.metrics.spice.Synsets;
import io.scstbus.rewards.metrics.spice.Tuple;
import io.scstbus.rewards.metrics.spice.TupleSets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code evaluate --spice} with CoreNLP's real scene-graph parser on RSICD sample captions
 * (testdata/rsicd/sample_dataset.json). Needs CoreNLP's models jar: {@code ./mvnw verify} fetches it before the
 * integration tests and puts it on their classpath (trainer/pom.xml); without it this test fails. The parser
 * loads once for the class (20-40 s on 2 cores). The tuples were read and checked by hand; the SPICE values below are
 * worked out from them.
 */
class EvaluateSpiceIT {

    private static CaptionGraphParser parser;
    private static TupleSets tuples;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadParser() {
        parser = CoreNlpCaptionGraphParser.load();
        tuples = new TupleSets(Synsets.wordNet());
    }

    private static List<String> tuplesOf(String caption) {
        return tuples.candidate(parser.parse(caption)).stream().map(Tuple::toString).toList();
    }

    @Test
    void rsicdCaptionsGiveTheTuplesCheckedByHand() {
        // a passive: the rules add no node, the entity rule adds both objects; the copies of airplane are one
        assertEquals(List.of("(airplane)", "(airport)"), tuplesOf("two airplanes are parked in an airport"));
        // the caption of airport_17; relations from the copula + PP ("planes are in an airport") and the PP on airport
        assertEquals(List.of("(plane)", "(airport)", "(parking lot)", "(parking lot, large)", "(plane, in, airport)",
                "(airport, near, parking lot)"), tuplesOf("two planes are in an airport near a large parking lot"));
        // the parser hangs "white" on "storage"; it goes to the collapsed compound
        assertEquals(List.of("(storage tank)", "(parking lot)", "(storage tank, white)",
                "(storage tank, near, parking lot)"), tuplesOf("a white storage tank is near two parking lots"));
    }

    @Test
    void evaluateSpiceOnRsicdSamplesGivesTheValuesWorkedOutByHand() throws IOException {
        Path results = dir.resolve("results.json");
        Files.writeString(results, """
                [{"image_id": "airport_17", "caption": "Two airplanes are parked in an airport."},
                 {"image_id": "square_146", "caption": "Some green trees are near a road."},
                 {"image_id": "sparseresidential_268", "caption": "A house with a swimming pool is surrounded by green trees."}]
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new EvaluateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> parser)).execute("--results", results.toString(),
                "--annotations", TestData.data("rsicd/sample_dataset.json").toString(), "--spice", "--json");
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        JsonNode scores = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("results.json");

        // airport_17, references 5 x "two planes are in an airport near a large parking lot":
        //   R = (plane) (airport) (parking lot) (parking lot, large) (plane, in, airport) (airport, near, parking lot)
        //   C = (airplane) (airport); airplane ~ plane (WordNet synset): P = 2/2, R = 2/6, F = 1/2
        //   objects P = 1, R = 2/3, F = 4/5; attributes and relations: no candidate tuple, F = 0
        // square_146, references 5 x "many green trees are in a square near a road":
        //   R = (tree) (square) (road) (tree, green) (tree, many) (tree, in, square) (square, near, road)
        //   C = (tree) (road) (tree, green) (tree, near, road): P = 3/4, R = 3/7, F = 6/11
        //   objects P = 1, R = 2/3, F = 4/5; attributes P = 1, R = 1/2, F = 2/3; relations F = 0
        // sparseresidential_268, references merged from three distinct captions:
        //   objects spring pool, tree, house, roof, building, swimming pool (6); attributes (tree, lush)
        //   (tree, green) (tree, many) (spring pool, hot) (spring pool, house) (roof, black) (6); relations
        //   (tree, surround, spring pool) (house, surround, spring pool) (house, with, roof)
        //   (building, with, swimming pool) (tree, surround, building) (5): 17 tuples
        //   C = (house) (swimming pool) (tree) (tree, green) (house, with, swimming pool) (tree, surround, house)
        //   matched: the three objects and (tree, green): P = 4/6, R = 4/17, F = 8/23
        //   objects P = 1, R = 3/6, F = 2/3; attributes P = 1, R = 1/6, F = 2/7; relations F = 0
        assertEquals((1.0 / 2 + 6.0 / 11 + 8.0 / 23) / 3, scores.get("SPICE").asDouble(), 1e-12); // 0.4644
        assertEquals((4.0 / 5 + 4.0 / 5 + 2.0 / 3) / 3, scores.get("SPICE_object").asDouble(), 1e-12); // 0.7556
        assertEquals((0 + 2.0 / 3 + 2.0 / 7) / 3, scores.get("SPICE_attribute").asDouble(), 1e-12); // 0.3175
        assertEquals(0.0, scores.get("SPICE_relation").asDouble(), 1e-12);
    }
}
