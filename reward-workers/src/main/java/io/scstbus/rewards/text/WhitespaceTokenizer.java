package io.scstbus.rewards.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits on runs of whitespace, nothing else: what pycocoevalcap's BLEU and CIDEr do with a caption
 * ({@code str.split()} in Python). Whitespace is Python's set, not Java's {@code \s}: it includes NBSP
 * (U+00A0), U+1680, U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000, U+0085 and U+001C..U+001F, and
 * excludes ZERO WIDTH SPACE (U+200B). Leading and trailing whitespace yield no empty tokens.
 */
public final class WhitespaceTokenizer implements Tokenizer {

    @Override
    public List<String> tokenize(String text) {
        return split(text);
    }

    /** Python's {@code str.split()} with no argument. */
    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int length = text.length();
        int start = -1;
        for (int i = 0; i < length; i++) {
            if (isPythonWhitespace(text.charAt(i))) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /**
     * Python's {@code str.split(" ")}: only U+0020 separates, and empty strings between, before or after
     * separators are tokens. pycocoevalcap's ROUGE-L splits this way, so {@code ""} is one empty token.
     */
    public static List<String> splitOnSpace(String text) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', start)) {
            tokens.add(text.substring(start, i));
            start = i + 1;
        }
        tokens.add(text.substring(start));
        return tokens;
    }

    /**
     * True if {@link #split} and {@link #splitOnSpace} give the same tokens: the text is not empty, and its
     * only whitespace is single U+0020 spaces between non-whitespace characters.
     */
    public static boolean isSingleSpaced(String text) {
        int length = text.length();
        if (length == 0 || text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == ' ' ? text.charAt(i - 1) == ' ' : isPythonWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code Py_UNICODE_ISSPACE}: every separating character is in the BMP. */
    static boolean isPythonWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
        }
        return c == '\u0085' || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a')
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }
}
