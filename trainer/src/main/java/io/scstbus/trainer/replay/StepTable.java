package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.CountError;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalDetails;
import io.scstbus.proto.v1.SignalScore;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code steps.csv}: per step, one row per signal and one {@code total} row (the trainer's combined
 * reward of included candidates): n, mean, std, min, max, share of non-OK statuses, sample and greedy
 * means and their gap; then the step's mean advantage and its join counts, repeated on each row.
 * Keeps one {@link StepPoint} per step for plots and warnings.
 */
final class StepTable implements Closeable {

    static final String TOTAL = "total";

    private final BufferedWriter out;
    private final List<String> signals;
    private final List<StepPoint> points = new ArrayList<>();

    StepTable(Path file, List<String> signals) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.signals = List.copyOf(signals);
        out.write(Csv.line(List.of("step", "signal", "n", "mean", "std", "min", "max", "non_ok_share", "sample_mean",
                "greedy_mean", "sample_greedy_gap", "mean_advantage", "groups", "included", "left_out", "dropped",
                "rerequested", "scores_received", "scores_expected", "duplicates")));
    }

    void add(ScoredStep scored, List<CandidateRow> rows) throws IOException {
        Map<String, StepPoint.Stats> bySignal = new LinkedHashMap<>();
        for (String s : signals) {
            bySignal.put(s, signalStats(s, rows));
        }
        StepPoint.Stats total = totalStats(rows);
        double meanAdvantage = mean(rows.stream().filter(r -> r.advantage() != null).mapToDouble(CandidateRow::advantage).toArray());
        double gap = total.sampleMean() - total.greedyMean();
        double tokens = mean(rows.stream().filter(r -> !r.greedy()).mapToDouble(CandidateRow::tokens).toArray());
        double repetition = mean(rows.stream().filter(r -> !r.greedy()).mapToDouble(CandidateRow::repetition).toArray());
        List<Double> countErrors = new ArrayList<>();
        for (CandidateRow r : rows) {
            SignalDetails d = ObjectTable.details(r);
            if (d != null) {
                for (CountError c : d.getCountedList()) {
                    countErrors.add((double) Math.abs(c.getGenerated() - c.getReference()));
                }
            }
        }
        double countAbs = mean(countErrors.stream().mapToDouble(Double::doubleValue).toArray());
        StepPoint point = new StepPoint(scored.step(), bySignal, total, gap, meanAdvantage, tokens, repetition, countAbs);
        points.add(point);
        JoinedStep j = scored.joined();
        List<String> stepCells = List.of(Csv.num(meanAdvantage), Integer.toString(j.groups().size()),
                Integer.toString(scored.combined().groups().size()),
                Integer.toString(scored.combined().leftOutNotOk().size()), Integer.toString(j.dropped().size()),
                Long.toString(j.rerequested()), Long.toString(j.scoresReceived()), Long.toString(j.scoresExpected()),
                Long.toString(j.duplicates()));
        for (Map.Entry<String, StepPoint.Stats> e : bySignal.entrySet()) {
            write(scored.step(), e.getKey(), e.getValue(), stepCells);
        }
        write(scored.step(), TOTAL, total, stepCells);
    }

    private void write(long step, String signal, StepPoint.Stats s, List<String> stepCells) throws IOException {
        List<String> cells = new ArrayList<>(List.of(Long.toString(step), signal, Long.toString(s.n()), Csv.num(s.mean()),
                Csv.num(s.std()), Csv.num(s.min()), Csv.num(s.max()), Csv.num(s.nonOkShare()), Csv.num(s.sampleMean()),
                Csv.num(s.greedyMean()), Csv.num(s.sampleMean() - s.greedyMean())));
        cells.addAll(stepCells);
        out.write(Csv.line(cells));
    }

    private static StepPoint.Stats signalStats(String signal, List<CandidateRow> rows) {
        List<Double> all = new ArrayList<>();
        List<Double> samples = new ArrayList<>();
        List<Double> greedy = new ArrayList<>();
        long received = 0;
        long notOk = 0;
        for (CandidateRow r : rows) {
            SignalScore score = r.scores().get(signal);
            if (score == null) {
                continue;
            }
            received++;
            if (score.getStatus() != ScoreStatus.OK) {
                notOk++;
                continue;
            }
            all.add(score.getValue());
            (r.greedy() ? greedy : samples).add(score.getValue());
        }
        return stats(all, samples, greedy, received == 0 ? Double.NaN : (double) notOk / received);
    }

    private static StepPoint.Stats totalStats(List<CandidateRow> rows) {
        List<Double> samples = new ArrayList<>();
        List<Double> greedy = new ArrayList<>();
        for (CandidateRow r : rows) {
            if (r.total() != null) {
                (r.greedy() ? greedy : samples).add(r.total());
            }
        }
        return stats(samples, samples, greedy, Double.NaN);
    }

    private static StepPoint.Stats stats(List<Double> values, List<Double> samples, List<Double> greedy, double nonOk) {
        if (values.isEmpty()) {
            return new StepPoint.Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nonOk,
                    mean(toArray(samples)), mean(toArray(greedy)));
        }
        double[] v = toArray(values);
        double mean = mean(v);
        double var = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            var += (x - mean) * (x - mean);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return new StepPoint.Stats(v.length, mean, Math.sqrt(var / v.length), min, max, nonOk, mean(toArray(samples)),
                mean(toArray(greedy)));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    List<StepPoint> points() {
        return List.copyOf(points);
    }

    List<String> signals() {
        return signals;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
