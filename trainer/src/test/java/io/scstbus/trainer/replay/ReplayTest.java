package io.scstbus.trainer.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.rewards.console.ProgressBar;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays a real run (the smoke preset, tinier, running min-max normalisation) produced by the
 * trainer through a real broker, once per class, and checks what replay writes. To look at the
 * output, run with {@code -Dscstbus.replay.keep=DIR}: the full replay and the Chromium screenshot are
 * copied there.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayTest {

    @TempDir
    static Path dir;

    static RecordedRun run;
    static ReplayResult full;
    static Path fullOut;

    @BeforeAll
    static void produceAndReplay(EmbeddedKafkaBroker broker) throws Exception {
        run = RecordedRun.produce(broker, dir);
        fullOut = dir.resolve("full");
        full = run.replay().run(ReplayOptions.of(run.runId(), fullOut));
        String keep = System.getProperty("scstbus.replay.keep");
        if (keep != null) {
            Path target = Files.createDirectories(Path.of(keep));
            try (Stream<Path> files = Files.list(fullOut)) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(target.resolve("summary.txt"), full.toTable() + "\n" + run.summary().toJson());
        }
    }

    @Test
    void groupCountsAgreeWithTheRunSummary() throws Exception {
        CsvFile steps = CsvFile.read(fullOut.resolve("steps.csv"));
        List<Map<String, String>> totals = steps.rows().stream().filter(r -> r.get("signal").equals("total")).toList();
        assertEquals(run.summary().steps(), totals.size());
        assertEquals(run.summary().groupsDropped(), sum(totals, "dropped"));
        assertEquals(run.summary().groupsLeftOut(), sum(totals, "left_out"));
        assertEquals(run.summary().groupsRerequested(), sum(totals, "rerequested"));
        assertEquals((long) run.steps() * run.imagesPerStep(), sum(totals, "groups"));
    }

    @Test
    void scoresReceivedAgreeWithTheRunSummary() throws Exception {
        List<Map<String, String>> totals = CsvFile.read(fullOut.resolve("steps.csv")).rows().stream()
                .filter(r -> r.get("signal").equals("total")).toList();
        assertEquals(run.summary().resultsReceived(), sum(totals, "scores_received"));
        assertEquals(run.summary().resultsExpected(), sum(totals, "scores_expected"));
        assertEquals(run.summary().resultsReceived(), full.scoresReceived());
    }

    @Test
    void rewardsCsvHasOneRowPerCandidate() throws Exception {
        CsvFile rewards = CsvFile.read(fullOut.resolve("rewards.csv"));
        assertEquals((long) run.steps() * run.imagesPerStep() * (run.samplesPerImage() + 1), rewards.rows().size());
        long greedy = rewards.rows().stream().filter(r -> r.get("kind").equals("greedy")).count();
        assertEquals((long) run.steps() * run.imagesPerStep(), greedy);
        assertTrue(rewards.header().containsAll(List.of("cider_d", "cider_d_status", "sde", "total", "advantage")));
    }

    @Test
    void totalsMatchTheTrainersFirstAndLastStep() throws Exception {
        CsvFile rewards = CsvFile.read(fullOut.resolve("rewards.csv"));
        assertEquals(run.summary().sampleRewardFirst(), meanTotal(rewards, 1, "sample"), 1e-12);
        assertEquals(run.summary().greedyRewardFirst(), meanTotal(rewards, 1, "greedy"), 1e-12);
        assertEquals(run.summary().sampleRewardLast(), meanTotal(rewards, run.steps(), "sample"), 1e-12);
        assertEquals(run.summary().greedyRewardLast(), meanTotal(rewards, run.steps(), "greedy"), 1e-12);
    }

    @Test
    void aLaterRangeFoldsTheRunningMinMaxFromTheFirstStep() throws Exception {
        Path out = dir.resolve("tail");
        ReplayResult tail = run.replay().run(ReplayOptions.of(run.runId(), out).withRange(3L, null));
        assertEquals(run.steps() - 2, tail.steps());
        List<String> fullRows = Files.readAllLines(fullOut.resolve("rewards.csv")).stream()
                .filter(l -> !l.startsWith("step,") && Long.parseLong(l.substring(0, l.indexOf(','))) >= 3).toList();
        List<String> tailRows = Files.readAllLines(out.resolve("rewards.csv"));
        assertEquals(fullRows, tailRows.subList(1, tailRows.size()));
        assertEquals(run.summary().sampleRewardLast(), meanTotal(CsvFile.read(out.resolve("rewards.csv")), run.steps(), "sample"), 1e-12);
    }

    @Test
    void replayingTheSameRangeTwiceIsByteIdentical() throws Exception {
        Path a = dir.resolve("again-a");
        Path b = dir.resolve("again-b");
        run.replay().run(ReplayOptions.of(run.runId(), a).withRange(2L, 4L));
        run.replay().run(ReplayOptions.of(run.runId(), b).withRange(2L, 4L));
        for (String file : List.of("rewards.csv", "steps.csv", "objects.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
    }

    @Test
    void progressFillsOneTotalOfOffsetsWhichTransactionMarkersMakeLargerThanTheRecords() throws Exception {
        StringWriter log = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(log), "reading", "offsets", false);
        ReplayResult result = run.replay().run(new ReplayOptions(run.runId(), null, null, dir.resolve("progress"),
                null, null, null, bar));
        Pattern line = Pattern.compile("reading \\[[#.]+\\] +([0-9.]+)% ([0-9,]+)/([0-9,]+) offsets "
                + "\\(([0-9]+) records, [0-9]+ of run .*\\)");
        List<Matcher> lines = log.toString().lines().map(line::matcher).toList();
        assertTrue(lines.size() >= 2 && lines.stream().allMatch(Matcher::matches), log.toString());
        Matcher last = lines.get(lines.size() - 1);
        assertEquals(List.of(last.group(3)), lines.stream().map(m -> m.group(3)).distinct().toList(),
                "the total changed while reading:\n" + log);
        assertEquals("100.0", last.group(1), log.toString());
        assertEquals(last.group(3), last.group(2), log.toString());
        assertEquals(result.recordsRead(), Long.parseLong(last.group(4)));
        assertTrue(Long.parseLong(last.group(3).replace(",", "")) > result.recordsRead(),
                "the workers' transactions left no marker among the offsets:\n" + log);
    }

    @Test
    void rescoringWithTheOriginalConfigurationReproducesTheTotals() throws Exception {
        Path out = dir.resolve("rescore");
        ReplayResult result = run.replay().run(ReplayOptions.of(run.runId(), out)
                .withRescore(new ReplayOptions.Rescore(null, false, null)));
        assertTrue(result.rescore().compared() > 0);
        assertEquals(0.0, result.rescore().maxAbsTotalDiff());
        assertEquals(0, result.rescore().advantageSignFlips());
        CsvFile rescore = CsvFile.read(out.resolve("rescore.csv"));
        for (Map<String, String> row : rescore.rows()) {
            assertEquals(row.get("original_total"), row.get("rescored_total"), row.toString());
            assertEquals(row.get("original_advantage"), row.get("rescored_advantage"), row.toString());
        }
    }

    @AfterAll
    static void stopWorkers() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void rescoringThroughLiveWorkersWithTheOriginalConfigurationReproducesTheTotals() throws Exception {
        Path out = dir.resolve("rescore-live");
        ReplayResult result = run.replay().run(ReplayOptions.of(run.runId(), out)
                .withRescore(new ReplayOptions.Rescore(null, true, Duration.ofSeconds(30))));
        assertEquals((long) run.steps() * run.imagesPerStep() * (run.samplesPerImage() + 1), result.rescore().compared());
        assertEquals(0.0, result.rescore().maxAbsTotalDiff());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains(run.runId() + "#rescore-")), result.warnings().toString());
    }

    @Test
    void rescoringWithOtherWeightsReportsHowTotalsAndRankingsMove() throws Exception {
        Path out = dir.resolve("rescore-cider");
        Map<String, Double> ciderOnly = new java.util.LinkedHashMap<>();
        ciderOnly.put("cider_d", 1.0);
        ciderOnly.put("length", 0.1);
        ReplayResult result = run.replay().run(ReplayOptions.of(run.runId(), out)
                .withRescore(new ReplayOptions.Rescore(ciderOnly, false, null)));
        assertTrue(result.rescore().maxAbsTotalDiff() > 0);
        assertTrue(result.rescore().rankChanges() > 0, result.rescore().toString());
        CsvFile rescore = CsvFile.read(out.resolve("rescore.csv"));
        assertEquals((long) run.steps() * run.imagesPerStep() * (run.samplesPerImage() + 1), rescore.rows().size());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("id=\"rescore-table\""));
        assertTrue(Files.size(out.resolve("rescore.png")) > 5_000);
    }

    @Test
    void objectsCsvCountsMissedAndInventedObjects() throws Exception {
        CsvFile objects = CsvFile.read(fullOut.resolve("objects.csv"));
        assertFalse(objects.rows().isEmpty());
        assertTrue(objects.rows().stream().anyMatch(r -> Long.parseLong(r.get("missed")) > 0));
        assertTrue(objects.rows().stream().anyMatch(r -> Long.parseLong(r.get("counted")) > 0),
                "the object signals' details list the counted objects");
    }

    @Test
    void plotsAreValidPngsOfSensibleSize() throws Exception {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(fullOut)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertTrue(pngs.size() >= 5, pngs.toString());
        for (Path png : pngs) {
            long size = Files.size(png);
            assertTrue(size > 5_000 && size < 1_000_000, png + ": " + size + " bytes");
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(Plots.WIDTH, image.getWidth(), png.toString());
            assertTrue(image.getHeight() >= Plots.HEIGHT, png.toString());
        }
    }

    @Test
    void reportIsSelfContained() throws Exception {
        String html = Files.readString(fullOut.resolve("report.html"), StandardCharsets.UTF_8);
        long images = html.split("<img ", -1).length - 1;
        long inlined = html.split("src=\"data:image/png;base64,", -1).length - 1;
        assertTrue(images >= 5);
        assertEquals(images, inlined);
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched");
        assertTrue(html.contains("id=\"run-config\""), "the run's configuration from the runs topic");
        assertTrue(html.contains("normalization: &quot;MIN_MAX&quot;"), "the YAML, escaped");
    }

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assertNotNull(chromium, "Debian's chromium is not installed: the report's rendering cannot be checked "
                + "(apt-get install chromium; .ci/run installs it)");
        String url = fullOut.resolve("report.html").toUri().toString();
        String dom = chromium(chromium, "--dump-dom", url);
        for (String id : List.of("summary-table", "steps-table", "objects-table", "run-config")) {
            assertTrue(dom.contains("id=\"" + id + "\""), id);
        }
        long images = dom.split("<img ", -1).length - 1;
        assertTrue(images >= 5, "images in the DOM: " + images);
        assertTrue(dom.contains("<td>" + run.steps() + "</td>"), "the last step's row");
        Path screenshot = dir.resolve("report-screenshot.png");
        chromium(chromium, "--screenshot=" + screenshot, "--window-size=1200,3000", url);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(1200, image.getWidth());
        String keep = System.getProperty("scstbus.replay.keep");
        if (keep != null) {
            Files.copy(screenshot, Path.of(keep).resolve("report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String chromium(Path chromium, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish; " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static long sum(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
    }

    private static double meanTotal(CsvFile rewards, long step, String kind) {
        return rewards.rows().stream()
                .filter(r -> Long.parseLong(r.get("step")) == step && r.get("kind").equals(kind) && !r.get("total").isEmpty())
                .mapToDouble(r -> Double.parseDouble(r.get("total"))).average().orElse(Double.NaN);
    }
}
