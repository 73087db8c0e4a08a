package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.metrics.CaptionEvaluation;
import io.scstbus.rewards.metrics.CaptionEvaluation.Metric;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.text.Tokenization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Guards {@code reward-worker score} against a speed regression without a timed threshold: the command's
 * CPU time on RSICD lines is compared with the CPU time, in the same JVM and run, of the metrics alone on
 * the same items (BLEU and CIDEr-D, both on the calling thread, the document-frequency table loaded in
 * both). Measured on the 2-core development VM at load 70-90: 0.88 with the streamed parser and each
 * distinct text tokenised once, 1.70 with the code before that (tree per line, every reference
 * re-tokenised and re-counted). The bound, 1.8, is twice today's ratio: a regression that doubles the
 * command's cost relative to its metrics fails. CPU time of the thread, best of two runs after a warm-up
 * run, so load from other processes does not count.
 */
class ScoreCommandSpeedGuardTest {

    private static final int ITEMS = 6_000;
    /** Command CPU / metrics CPU must stay under this: see the class comment for where it comes from. */
    private static final double MAX_RATIO = 1.8;

    @TempDir
    Path dir;

    @Test
    void commandCostsLessThanTwiceTodaysRatioToTheMetricsItRuns() throws IOException {
        List<ImageEntry> images = CaptionDataset.read(TestData.data("rsicd/rsicd_5caps.json")).images("train");
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        List<CaptionEvaluation.Item> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ImageEntry image = images.get(i % images.size());
            String candidate = images.get((i * 7919) % images.size()).captions().get(i % 5);
            lines.append(json.writeValueAsString(Map.of("id", i, "candidate", candidate,
                    "references", image.captions()))).append('\n');
            items.add(new CaptionEvaluation.Item(CaptionTokens.of(Tokenization.NONE, candidate),
                    image.captions().stream().map(c -> CaptionTokens.of(Tokenization.NONE, c)).toList()));
        }
        CorpusStats stats = CorpusStats.fromDataset(CaptionDataset.read(TestData.data("rsicd/rsicd_5caps.json")),
                "train", Tokenization.NONE);
        Path table = dir.resolve("df.tsv");
        stats.save(table);
        byte[] input = lines.toString().getBytes(StandardCharsets.UTF_8);

        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long bestCommand = Long.MAX_VALUE;
        long bestMetrics = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) { // round 0 warms the JIT up
            long start = cpu.getCurrentThreadCpuTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new CommandLine(new ScoreCommand(new ByteArrayInputStream(input), out,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                    .execute("--tokenize", "none", "--metrics", "bleu,cider_d", "--df-from", table.toString());
            long command = cpu.getCurrentThreadCpuTime() - start;
            assertEquals(0, exit);
            assertEquals(ITEMS + 1, out.toString(StandardCharsets.UTF_8).split("\n").length);

            start = cpu.getCurrentThreadCpuTime();
            CaptionEvaluation.Result result = CaptionEvaluation.evaluate(items, EnumSet.of(Metric.BLEU, Metric.CIDER_D),
                    CorpusStats.load(table));
            long metrics = cpu.getCurrentThreadCpuTime() - start;
            assertEquals(ITEMS, result.items().size());
            if (round > 0) {
                bestCommand = Math.min(bestCommand, command);
                bestMetrics = Math.min(bestMetrics, metrics);
            }
        }
        double ratio = (double) bestCommand / bestMetrics;
        System.out.printf("score guard: command %.0f ms, metrics alone %.0f ms of CPU, ratio %.2f%n",
                bestCommand / 1e6, bestMetrics / 1e6, ratio);
        assertTrue(ratio < MAX_RATIO, "score command used " + String.format("%.2f", ratio)
                + "x the CPU of the metrics it runs (bound " + MAX_RATIO + "x)");
    }
}
