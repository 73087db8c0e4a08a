package io.scstbus.trainer.sweep;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * The sweep's summary: per mix and metric, mean and standard deviation over seeds after CE and after
 * SCST, and the paired SCST - CE difference with its 95 % t-interval. Runs pair by seed (each run
 * has its own CE checkpoint), so the interval is over per-seed differences.
 */
public final class SweepReport {

    /** One line of {@code sweep.csv}. */
    public record Row(String mix, String metric, PairedInterval afterCe, PairedInterval afterScst, PairedInterval diff) {
    }

    private final List<Row> rows;
    private final List<SweepRun> runs;

    private SweepReport(List<Row> rows, List<SweepRun> runs) {
        this.rows = List.copyOf(rows);
        this.runs = List.copyOf(runs);
    }

    public static SweepReport of(List<SweepRun> runs) {
        Map<String, List<SweepRun>> byMix = new LinkedHashMap<>();
        runs.forEach(r -> byMix.computeIfAbsent(r.mix(), k -> new ArrayList<>()).add(r));
        List<Row> rows = new ArrayList<>();
        byMix.forEach((mix, mixRuns) -> {
            List<Map<String, Double>> ce = mixRuns.stream().map(r -> r.metrics(false)).toList();
            List<Map<String, Double>> scst = mixRuns.stream().map(r -> r.metrics(true)).toList();
            Set<String> names = new LinkedHashSet<>();
            ce.forEach(m -> names.addAll(m.keySet()));
            for (String metric : names) {
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (int i = 0; i < mixRuns.size(); i++) {
                    Double x = ce.get(i).get(metric);
                    Double y = scst.get(i).get(metric);
                    if (x != null && y != null && !x.isNaN() && !y.isNaN()) {
                        a.add(x);
                        b.add(y);
                    }
                }
                double[] d = new double[a.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = b.get(i) - a.get(i);
                }
                rows.add(new Row(mix, metric, PairedInterval.of(array(a)), PairedInterval.of(array(b)), PairedInterval.of(d)));
            }
        });
        return new SweepReport(rows, runs);
    }

    public List<Row> rows() {
        return rows;
    }

    public Row row(String mix, String metric) {
        return rows.stream().filter(r -> r.mix().equals(mix) && r.metric().equals(metric)).findFirst().orElse(null);
    }

    /** {@code sweep.csv}: one row per mix and metric. */
    public void writeCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("mix,metric,seeds,ce_mean,ce_std,scst_mean,scst_std,diff_mean,diff_std,"
                + "diff_low95,diff_high95\n");
        for (Row r : rows) {
            b.append(String.join(",", r.mix(), r.metric(), Integer.toString(r.diff().n()), num(r.afterCe().mean()),
                    num(r.afterCe().std()), num(r.afterScst().mean()), num(r.afterScst().std()), num(r.diff().mean()),
                    num(r.diff().std()), num(r.diff().low()), num(r.diff().high()))).append('\n');
        }
        Files.writeString(file, b.toString());
    }

    /** {@code runs.csv}: every run's value of every metric after CE and after SCST. */
    public void writeRunsCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("mix,seed,metric,after_ce,after_scst\n");
        for (SweepRun run : runs) {
            Map<String, Double> ce = run.metrics(false);
            Map<String, Double> scst = run.metrics(true);
            for (String metric : ce.keySet()) {
                b.append(String.join(",", run.mix(), Long.toString(run.seed()), metric, num(ce.get(metric)),
                        num(scst.get(metric)))).append('\n');
            }
        }
        Files.writeString(file, b.toString());
    }

    /** {@code sweep.png}: per metric and mix, the mean SCST - CE difference with its 95 % interval. */
    public void writePlot(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (Row r : rows) {
            if (!Double.isNaN(r.diff().mean())) {
                double half = Double.isNaN(r.diff().high()) ? 0 : r.diff().high() - r.diff().mean();
                data.add(r.diff().mean(), half, r.mix(), r.metric());
            }
        }
        CategoryAxis x = new CategoryAxis("val metric");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis y = new NumberAxis("SCST - CE (mean over seeds, 95 % t-interval)");
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.BLACK);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Paired SCST - CE difference per signal mix", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 560);
    }

    /** The human-readable table. */
    public void print(PrintStream out) {
        String mix = null;
        for (Row r : rows) {
            if (!r.mix().equals(mix)) {
                mix = r.mix();
                out.printf(Locale.ROOT, "%nmix %s (%d seeds)%n  %-26s %18s %18s %30s%n", mix, r.diff().n(), "val metric",
                        "after CE", "after SCST", "SCST - CE [95 % interval]");
            }
            out.printf(Locale.ROOT, "  %-26s %18s %18s %30s%n", r.metric(), meanStd(r.afterCe()), meanStd(r.afterScst()),
                    String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", r.diff().mean(), r.diff().low(), r.diff().high()));
        }
    }

    private static String meanStd(PairedInterval p) {
        return String.format(Locale.ROOT, "%.4f \u00b1 %.4f", p.mean(), p.std());
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "" : Double.toString(v);
    }
}
