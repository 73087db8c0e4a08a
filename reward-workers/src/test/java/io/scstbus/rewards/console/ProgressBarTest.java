package io.scstbus.rewards.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final StringWriter text = new StringWriter();

    private ProgressBar bar(boolean interactive) {
        return new ProgressBar(new PrintWriter(text), "reading", "records", interactive);
    }

    @Test
    void rendersTheShareDoneInTheGivenWidth() {
        assertEquals("[###.......]", ProgressBar.bar(3, 10, 10));
        assertEquals("[##########]", ProgressBar.bar(12, 10, 10), "more than the total: full, not wider");
        assertEquals("[##########]", ProgressBar.bar(0, 0, 10), "no total known: full");
    }

    @Test
    void inALogPrintsALineAtEachTenthAndTheFinalCount() {
        ProgressBar bar = bar(false);
        bar.total(100);
        for (int done = 1; done <= 95; done++) {
            bar.update(done, "");
        }
        bar.finish(100, "(done)");
        List<String> lines = text.toString().lines().toList();
        assertEquals(11, lines.size(), "a line at 0, 10, ..., 90 % and the final one: " + text);
        assertTrue(lines.get(1).startsWith("reading [###") && lines.get(1).contains("10/100 records"), lines.get(1));
        assertTrue(lines.get(10).endsWith("100.0% 100/100 records (done)"), lines.get(10));
        assertTrue(lines.stream().noneMatch(line -> line.contains("\r")));
    }

    @Test
    void inALogTheFinalCountIsNotPrintedTwice() {
        ProgressBar bar = bar(false);
        bar.total(10);
        bar.update(10, "");
        bar.finish(10, "");
        assertEquals(1, text.toString().lines().count(), text.toString());
    }

    @Test
    void onATerminalRedrawsOneLineAndEndsIt() {
        ProgressBar bar = bar(true);
        bar.total(4);
        bar.update(1, "");
        bar.update(2, "");
        bar.finish(3, "(3 of run r)");
        String out = text.toString();
        assertTrue(out.startsWith("\rreading ["), out);
        assertTrue(out.contains("100.0% 3/3 records (3 of run r)"), "finish shows the bar full: " + out);
        assertTrue(out.endsWith(System.lineSeparator()), "the line is ended");
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line, redrawn with \\r");
    }

    @Test
    void noneDrawsNothing() {
        ProgressBar bar = ProgressBar.none();
        bar.total(3);
        bar.update(1, "x");
        bar.finish(3, "y");
        bar.end();
        assertEquals("", text.toString());
    }
}
