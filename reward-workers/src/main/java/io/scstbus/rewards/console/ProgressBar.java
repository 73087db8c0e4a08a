package io.scstbus.rewards.console;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A progress bar on stderr for long work. On a terminal it is one line redrawn in place, at most
 * every 200 ms; in a log or a pipe it writes a line at each tenth of the work, so logs stay short.
 * Thread-safe: a worker pool or a drawing thread may update it.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final String label;
    private final String unit;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long total;
    private long lastDrawNanos;
    private int lastTenth = -1;
    private long lastDrawn = -1;
    private boolean midLine;

    /**
     * @param out where to draw, or null to draw nothing
     * @param label what is being done ({@code reading}, {@code generating})
     * @param unit what is counted ({@code records}, {@code images})
     * @param interactive redraw one line in place (a terminal) rather than print a line per tenth
     */
    public ProgressBar(PrintWriter out, String label, String unit, boolean interactive) {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.interactive = interactive;
    }

    /** On stderr, redrawn in place when a console is attached. */
    public static ProgressBar stderr(String label, String unit) {
        return on(System.err, label, unit);
    }

    /** On {@code stream} (a command's stderr), redrawn in place when a console is attached. */
    public static ProgressBar on(PrintStream stream, String label, String unit) {
        return new ProgressBar(new PrintWriter(stream, true, StandardCharsets.UTF_8), label, unit,
                System.console() != null);
    }

    /** A bar that draws nothing (tests, --quiet, --no-progress). */
    public static ProgressBar none() {
        return new ProgressBar(null, "", "", false);
    }

    /** {@code [######........]}: {@code done} of {@code total} in {@code width} characters. */
    public static String bar(long done, long total, int width) {
        int filled = total <= 0 ? width : (int) Math.max(0, Math.min(width, width * done / total));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    public synchronized void total(long value) {
        this.total = value;
    }

    /** Shows {@code done} units, then {@code detail} (may be empty), unless drawn very recently. */
    public synchronized void update(long done, String detail) {
        if (out == null) {
            return;
        }
        if (interactive) {
            long now = System.nanoTime();
            if (midLine && now - lastDrawNanos < REDRAW_NANOS) {
                return;
            }
            lastDrawNanos = now;
        } else {
            int tenth = (int) (10 * share(done));
            if (tenth == lastTenth) {
                return;
            }
            lastTenth = tenth;
        }
        draw(done, detail);
    }

    /** Shows the final count (the bar full) and ends the line; a log gets no second line for the same count. */
    public synchronized void finish(long done, String detail) {
        if (out == null) {
            return;
        }
        total = done;
        lastTenth = 10;
        if (interactive || lastDrawn != done) {
            draw(done, detail);
        }
        end();
    }

    /** Ends a line drawn in place without drawing again (work abandoned, or already finished). */
    public synchronized void end() {
        if (out != null && midLine) {
            out.println();
            out.flush();
            midLine = false;
        }
    }

    /** Units per second since the bar was made. */
    public double rate(long done) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds > 0 ? done / seconds : 0.0;
    }

    private double share(long done) {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    private void draw(long done, String detail) {
        String line = String.format(Locale.ROOT, "%s %s %5.1f%% %,d/%,d %s%s", label, bar(done, total, WIDTH),
                100 * share(done), done, total, unit, detail.isEmpty() ? "" : " " + detail);
        if (interactive) {
            out.print("\r" + line + "  ");
            midLine = true;
        } else {
            out.println(line);
        }
        out.flush();
        lastDrawn = done;
    }
}
