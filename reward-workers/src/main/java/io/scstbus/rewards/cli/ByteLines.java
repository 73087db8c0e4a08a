package io.scstbus.rewards.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream, left undecoded for a parser that reads a byte range (JSON lines): decoding
 * each line into a String first would copy every byte twice more. A line ends at '\n'; a '\r' before it is
 * dropped; a last line without '\n' counts.
 */
final class ByteLines {

    /** Receives each line; the bytes are valid only during the call. */
    @FunctionalInterface
    interface Handler {
        void line(byte[] buffer, int offset, int length, int lineNumber) throws IOException;
    }

    private ByteLines() {
    }

    static void forEach(InputStream in, Handler handler) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int start = 0;   // first byte of the current line
        int end = 0;     // bytes held
        int scanned = 0; // bytes of the current line already searched for '\n'
        int lineNumber = 0;
        for (;;) {
            int newline = indexOfNewline(buffer, start + scanned, end);
            if (newline >= 0) {
                handler.line(buffer, start, withoutCr(buffer, start, newline) - start, ++lineNumber);
                start = newline + 1;
                scanned = 0;
                continue;
            }
            scanned = end - start;
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            } else if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                if (end > start) {
                    handler.line(buffer, start, withoutCr(buffer, start, end) - start, ++lineNumber);
                }
                return;
            }
            end += read;
        }
    }

    /** True if the line holds only ASCII whitespace (or nothing). */
    static boolean isBlank(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && (b < '\t' || b > '\r') && (b < 0x1c || b > 0x1f)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfNewline(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int withoutCr(byte[] buffer, int start, int end) {
        return end > start && buffer[end - 1] == '\r' ? end - 1 : end;
    }
}
