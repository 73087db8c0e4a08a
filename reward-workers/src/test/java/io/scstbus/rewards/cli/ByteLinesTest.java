package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLinesTest {

    private static List<String> lines(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteLines.forEach(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                (buffer, offset, length, lineNumber) -> lines.add(lineNumber + ":"
                        + new String(buffer, offset, length, StandardCharsets.UTF_8)));
        return lines;
    }

    @Test
    void splitsOnNewlinesDroppingACarriageReturnBeforeThem() throws IOException {
        assertEquals(List.of("1:{\"a\":1}", "2:", "3:b", "4:c"), lines("{\"a\":1}\n\r\nb\r\nc"));
    }

    @Test
    void noInputHasNoLinesAndAFinalNewlineAddsNone() throws IOException {
        assertEquals(List.of(), lines(""));
        assertEquals(List.of("1:x"), lines("x\n"));
    }

    @Test
    void keepsLinesLongerThanItsBufferWhole() throws IOException {
        String longLine = "é".repeat(100_000); // 200,000 bytes, over the 64 KiB buffer
        assertEquals(List.of("1:short", "2:" + longLine, "3:end"), lines("short\n" + longLine + "\nend\n"));
    }

    @Test
    void blankMeansOnlyAsciiWhitespace() {
        byte[] blank = " \t\r\f".getBytes(StandardCharsets.US_ASCII);
        byte[] text = " x ".getBytes(StandardCharsets.US_ASCII);
        assertTrue(ByteLines.isBlank(blank, 0, blank.length));
        assertFalse(ByteLines.isBlank(text, 0, text.length));
    }
}
