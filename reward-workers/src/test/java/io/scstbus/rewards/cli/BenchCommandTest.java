package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerGroup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void benchScoresEveryStepOfEveryPhaseOfEveryInstanceCountExactlyOnce() throws Exception {
        Path json = dir.resolve("bench.json");
        int exit = new CommandLine(new BenchCommand()).execute("--worker-mode", "in_process", "--group", "cheap",
                "--instances", "1,2", "--partitions", "2", "--synthetic-images", "50", "--images", "4",
                "--samples", "2", "--warmup", "PT0S", "--duration", "PT0S", "--min-steps", "3", "--in-flight", "1,2",
                "--idle", "PT0S", "--no-progress", "--json", json.toString());
        assertEquals(0, exit);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> runs = new ArrayList<>();
        for (JsonNode run : report.get("runs")) {
            List<String> phases = new ArrayList<>();
            int steps = 1; // the warm-up's one step
            for (JsonNode phase : run.get("phases")) {
                phases.add(phase.get("name").asText() + "/" + phase.get("inFlight").asInt());
                steps += phase.get("steps").asInt();
            }
            runs.add(run.get("instances").asInt() + ": " + phases);
            // steps x 4 images x (2 samples + greedy) x the cheap group's signals, all OK, none twice
            assertEquals(steps * 4 * 3 * WorkerGroup.CHEAP.signals().size(), run.get("okScores").asInt());
            assertEquals(0, run.get("otherScores").asInt());
            assertEquals(0, run.get("duplicates").asInt());
        }
        assertEquals(List.of("1: [latency/1, throughput/1, throughput/2]", "2: [latency/1, throughput/1, throughput/2]"),
                runs);
    }

    @Test
    void aStepThatCannotBePublishedFailsTheBenchNamingTheCause() {
        StringWriter err = new StringWriter();
        CommandLine bench = new CommandLine(new BenchCommand());
        bench.setErr(new PrintWriter(err, true));
        // one rollout group of 40,001 captions is over the producer's 1 MiB max.request.size
        int exit = bench.execute("--worker-mode", "in_process", "--group", "cheap", "--synthetic-images", "10",
                "--images", "1", "--samples", "40000", "--warmup", "PT0S", "--duration", "PT0S", "--min-steps", "1",
                "--idle", "PT0S", "--no-progress",
                "--step-timeout", "PT60S");

        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("bench: cannot publish the rollouts: 1 of 1 records were not written to topic "),
                err.toString());
        assertTrue(err.toString().contains("RecordTooLargeException"), err.toString());
    }

    @Test
    void helpExplainsEveryOption() {
        List<String> undocumented = new ArrayList<>();
        for (OptionSpec option : new CommandLine(new BenchCommand()).getCommandSpec().options()) {
            if (String.join("", option.description()).isBlank()) {
                undocumented.add(option.longestName());
            }
        }
        assertEquals(List.of(), undocumented);
    }

    @Test
    void percentileIsNearestRank() {
        double[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertEquals(50, BenchCommand.percentile(sorted, 0.50));
        assertEquals(100, BenchCommand.percentile(sorted, 0.99));
    }

    @Test
    void groupIsAStandardWorkerGroupWithAllItsSignals() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--group", "scene-graph");
        assertEquals(WorkerGroup.SCENE_GRAPH, bench.group);
        assertEquals(StandardSignals.OBJECT_SIGNALS, bench.group.signals());
    }
}
