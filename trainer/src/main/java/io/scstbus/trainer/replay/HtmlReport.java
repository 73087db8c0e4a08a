package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (plots inlined as base64 PNG data URIs, inline CSS, no
 * script, nothing fetched): the summary, warnings, plots, the per-step and per-object tables, the
 * rescore comparison and the run's configuration from the runs topic.
 */
final class HtmlReport {

    /** Steps tables longer than this show every n-th step; the CSV has all. */
    static final int MAX_STEP_ROWS = 400;
    static final int MAX_OBJECT_ROWS = 50;

    private HtmlReport() {
    }

    static void write(Path file, ReplayResult result, RunInfo run, RewardMath math, List<StepPoint> points,
                      ObjectTable objects, List<Map.Entry<String, String>> plots, Path plotDir,
                      List<Map.Entry<String, String>> rescorePlots) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>scst-bus replay: ")
                .append(esc(result.runId())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#eef}td.l,th.l{text-align:left}")
                .append(".warn{background:#fff4e0;border-left:4px solid #e90;padding:6px 10px;margin:4px 0}")
                .append(".plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:12px}")
                .append("figure{margin:0}img{width:100%;border:1px solid #ddd}figcaption{font-size:13px;color:#555}")
                .append("pre{background:#f6f6f6;padding:1em;overflow:auto}")
                .append("</style></head><body>\n");
        h.append("<h1>Replay of run <code>").append(esc(result.runId())).append("</code></h1>\n");
        h.append("<h2 id=\"summary\">Summary</h2>\n<table id=\"summary-table\">");
        kv(h, "steps", result.steps() + (result.firstStep() == null ? "" : " (" + result.firstStep() + " to " + result.lastStep() + ")"));
        kv(h, "signals and weights", math == null ? "-" : math.weights().toString());
        kv(h, "baseline", math == null ? "-" : math.baseline().name());
        kv(h, "normalisation", math == null ? "-" : math.normalization().name());
        kv(h, "candidate rows", result.rows());
        kv(h, "groups (included / left out / dropped)", result.groups() + " (" + result.included() + " / "
                + result.leftOut() + " / " + result.dropped() + ")");
        kv(h, "groups re-requested", result.rerequested());
        kv(h, "scores received / expected", result.scoresReceived() + " / " + result.scoresExpected());
        kv(h, "duplicate results, late results", result.duplicates() + ", " + result.lateResults());
        h.append("</table>\n");

        h.append("<h2 id=\"warnings\">Warnings</h2>\n");
        if (result.warnings().isEmpty()) {
            h.append("<p>None.</p>\n");
        }
        for (String w : result.warnings()) {
            h.append("<div class=\"warn\">").append(esc(w)).append("</div>\n");
        }

        h.append("<h2 id=\"plots\">Plots</h2>\n<div class=\"plots\">\n");
        for (Map.Entry<String, String> p : plots) {
            figure(h, plotDir.resolve(p.getKey()), p.getValue());
        }
        h.append("</div>\n");

        h.append("<h2 id=\"steps\">Steps</h2>\n");
        stepsTable(h, points, math == null ? List.of() : math.signals());

        h.append("<h2 id=\"objects\">Objects</h2>\n<p>").append(objects.size())
                .append(" objects; the most mentioned below, all in objects.csv.</p>\n");
        h.append("<table id=\"objects-table\"><tr><th class=\"l\">object</th><th>mentioned</th><th>missed</th><th>invented</th></tr>\n");
        for (Map.Entry<String, Long> e : objects.top("mentioned", MAX_OBJECT_ROWS)) {
            h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td>").append(e.getValue())
                    .append("</td><td>").append(objects.count(e.getKey(), "missed")).append("</td><td>")
                    .append(objects.count(e.getKey(), "invented")).append("</td></tr>\n");
        }
        h.append("</table>\n");

        if (result.rescore() != null) {
            RescoreComparison.Summary r = result.rescore();
            h.append("<h2 id=\"rescore\">Rescore</h2>\n<table id=\"rescore-table\">");
            kv(h, "candidates compared", r.compared());
            kv(h, "mean |total difference|", String.format(Locale.ROOT, "%.6g", r.meanAbsTotalDiff()));
            kv(h, "max |total difference|", String.format(Locale.ROOT, "%.6g", r.maxAbsTotalDiff()));
            kv(h, "advantage sign flips", r.advantageSignFlips());
            kv(h, "sample rank changes", r.rankChanges());
            kv(h, "groups whose best sample changes", r.bestChanged() + " of " + r.groupsCompared());
            kv(h, "included before, left out after", r.rescoredNotIncluded());
            h.append("</table>\n");
            for (Map.Entry<String, String> p : rescorePlots) {
                figure(h, plotDir.resolve(p.getKey()), p.getValue());
            }
        }

        h.append("<h2 id=\"config\">Run configuration</h2>\n");
        if (run == null) {
            h.append("<p>The runs topic has no record of this run (a trainer older than the topic).</p>\n");
        } else {
            h.append("<p>dataset <code>").append(esc(run.getDataset())).append("</code>, trainer ")
                    .append(esc(run.getTrainerVersion())).append(", started at ")
                    .append(java.time.Instant.ofEpochMilli(run.getStartedAtMs())).append("</p>\n<pre id=\"run-config\">")
                    .append(esc(run.getConfigYaml())).append("</pre>\n");
        }
        h.append("</body></html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }

    private static void stepsTable(StringBuilder h, List<StepPoint> points, List<String> signals) {
        int every = Math.max(1, (points.size() + MAX_STEP_ROWS - 1) / MAX_STEP_ROWS);
        if (every > 1) {
            h.append("<p>Every ").append(every).append("th step; steps.csv has all.</p>\n");
        }
        h.append("<table id=\"steps-table\"><tr><th>step</th><th>mean total</th><th>sample - greedy</th><th>mean advantage</th>");
        for (String s : signals) {
            h.append("<th>").append(esc(s)).append("</th>");
        }
        h.append("</tr>\n");
        for (int i = 0; i < points.size(); i += every) {
            StepPoint p = points.get(i);
            h.append("<tr><td>").append(p.step()).append("</td><td>").append(fmt(p.total().mean())).append("</td><td>")
                    .append(fmt(p.sampleGreedyGap())).append("</td><td>").append(fmt(p.meanAdvantage())).append("</td>");
            for (String s : signals) {
                StepPoint.Stats st = p.signals().get(s);
                h.append("<td>").append(st == null ? "" : fmt(st.mean())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void figure(StringBuilder h, Path png, String caption) throws IOException {
        h.append("<figure><img alt=\"").append(esc(caption)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\"><figcaption>")
                .append(esc(caption)).append("</figcaption></figure>\n");
    }

    private static void kv(StringBuilder h, String key, Object value) {
        h.append("<tr><th class=\"l\">").append(esc(key)).append("</th><td class=\"l\">").append(esc(String.valueOf(value)))
                .append("</td></tr>");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
