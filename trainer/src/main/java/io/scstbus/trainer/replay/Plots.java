package io.scstbus.trainer.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's PNG plots, drawn with JFreeChart (pure Java2D; run headless). Each method writes one
 * file and returns its name, or nothing when there is nothing to draw.
 */
final class Plots {

    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    private static final Color BAND = new Color(70, 130, 180, 70);
    private static final Color LINE = new Color(30, 80, 150);
    /** Above this many steps the lines carry no point markers (they would hide the curve). */
    static final int MAX_MARKED_POINTS = 60;

    private final Path dir;

    Plots(Path dir) {
        this.dir = dir;
        System.setProperty("java.awt.headless", "true");
    }

    /** Mean per step with a band of one standard deviation either side. */
    String curve(String file, String title, String yLabel, List<StepPoint> points, ToDoubleFunction<StepPoint> mean,
                 ToDoubleFunction<StepPoint> std) throws IOException {
        YIntervalSeries series = new YIntervalSeries("mean \u00b1 std");
        for (StepPoint p : points) {
            double m = mean.applyAsDouble(p);
            double s = std.applyAsDouble(p);
            if (!Double.isNaN(m)) {
                double sd = Double.isNaN(s) ? 0 : s;
                series.add(p.step(), m, m - sd, m + sd);
            }
        }
        if (series.getItemCount() == 0) {
            return null;
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        DeviationRenderer renderer = new DeviationRenderer(true, series.getItemCount() <= MAX_MARKED_POINTS);
        renderer.setSeriesPaint(0, LINE);
        renderer.setSeriesFillPaint(0, BAND);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        style(chart).getXYPlot().setRenderer(renderer);
        return save(file, chart);
    }

    /** Several lines over steps. */
    String lines(String file, String title, String yLabel, List<StepPoint> points,
                 Map<String, ToDoubleFunction<StepPoint>> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, ToDoubleFunction<StepPoint>> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            for (StepPoint p : points) {
                double v = e.getValue().applyAsDouble(p);
                if (!Double.isNaN(v)) {
                    s.add(p.step(), v);
                }
            }
            if (s.getItemCount() > 0) {
                data.addSeries(s);
            }
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, points.size() <= MAX_MARKED_POINTS);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            // later series dashed: with the greedy baseline the mean advantage lies exactly on the gap
            renderer.setSeriesStroke(i, i == 0 ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        style(chart).getXYPlot().setRenderer(renderer);
        return save(file, chart);
    }

    /** Two lines over steps from rows {step, a, b}. */
    String pairs(String file, String title, String yLabel, List<double[]> rows, String nameA, String nameB)
            throws IOException {
        if (rows.isEmpty()) {
            return null;
        }
        XYSeries a = new XYSeries(nameA);
        XYSeries b = new XYSeries(nameB);
        for (double[] r : rows) {
            a.add(r[0], r[1]);
            b.add(r[0], r[2]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(a);
        data.addSeries(b);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, rows.size() <= MAX_MARKED_POINTS);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        style(chart).getXYPlot().setRenderer(renderer);
        return save(file, chart);
    }

    /** Horizontal bars, largest first. */
    String bars(String file, String title, String valueLabel, List<Map.Entry<String, Long>> entries) throws IOException {
        if (entries.isEmpty()) {
            return null;
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Long> e : entries) {
            data.addValue(e.getValue(), valueLabel, e.getKey());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "object", valueLabel, data, PlotOrientation.HORIZONTAL,
                false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, LINE);
        return save(file, chart, Math.max(HEIGHT, 60 + 24 * entries.size()));
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // steps are integers: no tick at step 1.2
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    private String save(String file, JFreeChart chart) throws IOException {
        return save(file, chart, HEIGHT);
    }

    private String save(String file, JFreeChart chart, int height) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, height);
        return file;
    }

    /** Every plot of a replay: returns the files written, with captions, in report order. */
    static List<Map.Entry<String, String>> all(Path dir, List<StepPoint> points, List<String> signals,
                                               ObjectTable objects) throws IOException {
        Plots p = new Plots(dir);
        List<Map.Entry<String, String>> out = new ArrayList<>();
        add(out, p.curve("total.png", "Total reward (trainer's, included samples)", "total reward", points,
                q -> q.total().mean(), q -> q.total().std()), "Total reward per step, band = one std");
        for (String s : signals) {
            add(out, p.curve("signal-" + s + ".png", s, s, points, q -> q.signals().get(s).mean(),
                    q -> q.signals().get(s).std()), s + " per step (OK scores, samples and greedy), band = one std");
        }
        Map<String, ToDoubleFunction<StepPoint>> gap = new LinkedHashMap<>();
        gap.put("sample - greedy (total)", StepPoint::sampleGreedyGap);
        gap.put("mean advantage", StepPoint::meanAdvantage);
        add(out, p.lines("gap.png", "Sampled - greedy", "total reward", points, gap),
                "Gap between sampled and greedy total reward, and the mean advantage");
        add(out, p.lines("count-error.png", "Count error", "mean |generated - reference|", points,
                Map.of("mean absolute count error", StepPoint::meanCountAbs)), "Mean absolute count error over counted objects");
        add(out, p.bars("objects-missed.png", "Most missed objects", "missed", objects.top("missed", 15)),
                "Objects the captions miss most (oversights)");
        add(out, p.bars("objects-invented.png", "Most invented objects", "invented", objects.top("invented", 15)),
                "Objects the captions invent most (hallucinations)");
        return out;
    }

    private static void add(List<Map.Entry<String, String>> out, String file, String caption) {
        if (file != null) {
            out.add(Map.entry(file, caption));
        }
    }
}
