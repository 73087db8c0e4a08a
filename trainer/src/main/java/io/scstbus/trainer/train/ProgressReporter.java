package io.scstbus.trainer.train;

import io.scstbus.rewards.console.ProgressBar;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Progress on a stream (stderr by default): a bar per CE epoch when the stream is a terminal, one line
 * per CE epoch and per SCST step with reward, loss and reward wait time, evaluation tables, and the
 * final summary table.
 */
public final class ProgressReporter {

    private static final int BAR = 24;

    private final PrintStream out;
    private final boolean bars;

    public ProgressReporter(PrintStream out, boolean bars) {
        this.out = out;
        this.bars = bars;
    }

    /** stderr, with bars when a console is attached. */
    public static ProgressReporter stderr() {
        return new ProgressReporter(System.err, System.console() != null);
    }

    /** Reports nothing. */
    public static ProgressReporter silent() {
        return new ProgressReporter(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    public void info(String message) {
        out.println(message);
    }

    public void ceBatch(int epoch, int epochs, long batch, long batches, double loss) {
        if (bars) {
            out.print(String.format(Locale.ROOT, "\rCE epoch %d/%d %s %d/%d loss %.4f", epoch, epochs,
                    bar(batch, batches), batch, batches, loss));
            out.flush();
        }
    }

    public void ceEpoch(int epoch, int epochs, double loss, double seconds) {
        if (bars) {
            out.print("\r");
        }
        out.println(String.format(Locale.ROOT, "CE epoch %d/%d %s loss %.4f (%.1f s)", epoch, epochs,
                bar(epoch, epochs), loss, seconds));
    }

    public void scstStep(StepReport r, long steps) {
        String rewards = r.updated()
                ? String.format(Locale.ROOT, "reward %.4f greedy %.4f loss %+.4f V/E %.3f", r.meanSampleReward(),
                        r.meanGreedyReward(), r.loss(), r.varentropyOverEntropy())
                : "no usable group, no update";
        out.println(String.format(Locale.ROOT, "SCST step %d/%d %s %s | groups %d/%d (left out %d, missing %d) |"
                        + " reward wait %.0f ms of %.0f ms (%.0f%%)", r.step(), steps, bar(r.step(), steps), rewards,
                r.included(), r.groups(), r.leftOut(), r.missing(), 1000 * r.waitSeconds(), 1000 * r.stepSeconds(),
                r.stepSeconds() <= 0 ? 0.0 : 100 * r.waitSeconds() / r.stepSeconds()));
    }

    public void evaluation(EvalResult result) {
        out.println(String.format(Locale.ROOT, "val %s (%d images):", result.label(), result.images()));
        for (Map.Entry<String, SignalStats> e : result.signals().entrySet()) {
            SignalStats s = e.getValue();
            out.println(String.format(Locale.ROOT, "  %-14s %10s  (ok %d, not ok %d)", e.getKey(),
                    s.ok() == 0 ? "-" : String.format(Locale.ROOT, "%.4f", s.mean()), s.ok(), s.notOk()));
        }
        for (var example : result.examples()) {
            out.println("  " + example.get(0) + ": \"" + example.get(1) + "\"  (ref: \"" + example.get(2) + "\")");
        }
    }

    public void summary(TrainingSummary summary) {
        out.print(summary.toTable());
        out.flush();
    }

    private static String bar(long done, long total) {
        return ProgressBar.bar(done, total, BAR);
    }
}
