package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.factual.TinyFactualModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseGraphsCommandTest {

    private record Run(int exitCode, List<String> lines, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ParseGraphsCommand command = new ParseGraphsCommand(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = new CommandLine(command).execute(args);
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(code, text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0,
                text.split("\n", -1).length - 1), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesOneFactualLinePerCaptionInOrderWithEmptyLinesKept() {
        Run run = run("a baseball field is near three tennis courts .\n\nmany planes are parked in an airport .\n");
        assertEquals(0, run.exitCode());
        assertEquals(List.of("( tennis courts , is , 3 ) , ( baseball field , near , tennis courts )", "",
                "( planes , park in , airport )"), run.lines());
    }

    @Test
    void writesTheJsonShape() throws Exception {
        Run run = run("seven white storage tanks are near several pieces of meadows .\n\n", "--format", "json");
        assertEquals(2, run.lines().size());
        JsonNode graph = new ObjectMapper().readTree(run.lines().get(0));
        JsonNode tanks = graph.path("entities").get(0);
        assertEquals("storage tanks", tanks.path("text").asText());
        assertEquals("storage tank", tanks.path("lemma").asText());
        assertEquals(7, tanks.path("count").asInt());
        assertTrue(tanks.path("quantity").isNull());
        assertEquals("white", tanks.path("attributes").get(0).asText());
        assertEquals("near", graph.path("relations").get(0).path("predicate").asText());
        assertEquals("{\"entities\":[],\"relations\":[]}", run.lines().get(1));
    }

    @Test
    void factualBackendWithoutAModelFailsNamingTheOption() {
        Run run = run("a river .\n", "--parser", "factual");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--factual-model DIR is required with --parser factual"), run.err());
        assertTrue(run.lines().isEmpty());
    }

    @Test
    void remoteBackendWithoutAServiceFailsNamingTheOption() {
        Run run = run("a river .\n", "--parser", "remote");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--graph-service HOST:PORT is required with --parser remote"), run.err());
    }

    @Test
    void factualBackendParsesWithTheGivenModel(@TempDir Path dir) throws Exception {
        Path model = TinyFactualModel.write(dir);

        Run run = run("two planes are parked on a runway .\n", "--parser", "factual", "--factual-model", model.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(FactualFormat.write(FactualFormat.read(TinyFactualModel.TARGET))), run.lines());
    }

    @Test
    void helpExplainsEveryOption() {
        String usage = new CommandLine(new ParseGraphsCommand()).getUsageMessage();
        for (String option : List.of("--parser", "--format", "--cache-size", "--factual-model", "--graph-service")) {
            assertTrue(usage.contains(option), option);
        }
        assertTrue(new CommandLine(new RewardWorkerCommand()).getSubcommands().containsKey("parse-graphs"));
    }

    @Test
    void aStandardOutputThatCannotBeWrittenFailsTheCommand() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // standard output redirected to /dev/full: every write fails with "No space left on device"
        try (PrintStream full = new PrintStream(new FileOutputStream("/dev/full"), true, StandardCharsets.UTF_8)) {
            int code = new CommandLine(new ParseGraphsCommand(new ByteArrayInputStream(
                    "three planes are parked at the airport .\n".getBytes(StandardCharsets.UTF_8)), full,
                    new PrintStream(err, true, StandardCharsets.UTF_8))).execute();

            assertEquals(1, code);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("parse-graphs: cannot write standard output"),
                err.toString(StandardCharsets.UTF_8));
    }
}
