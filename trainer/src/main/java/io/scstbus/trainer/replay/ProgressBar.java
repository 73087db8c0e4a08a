package io.scstbus.trainer.replay;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal stream (stderr), redrawn at most every 200 ms. */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private long total;
    private long lastDrawNanos;
    private boolean drawn;

    public ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** A bar that draws nothing (tests, --quiet). */
    public static ProgressBar none() {
        return new ProgressBar(null, "");
    }

    public void total(long value) {
        this.total = value;
    }

    public void update(long done, String detail) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        draw(done, detail);
    }

    /** Draws the bar full: the total counted offsets, transaction markers included, so it overestimates. */
    public void finish(long done, String detail) {
        if (out == null) {
            return;
        }
        total = done;
        draw(done, detail);
        out.println();
        out.flush();
    }

    private void draw(long done, String detail) {
        double share = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(share * WIDTH);
        out.printf(Locale.ROOT, "\r%s [%s%s] %5.1f%% %,d/%,d records %s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * share, done, total, detail);
        out.flush();
        drawn = true;
    }
}
