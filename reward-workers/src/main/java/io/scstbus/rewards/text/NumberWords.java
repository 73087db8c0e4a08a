package io.scstbus.rewards.text;

import java.util.Map;

/**
 * Numbers written in captions: number words ({@code three}, {@code twelve}, {@code dozen}) and digit
 * strings ({@code 3}, {@code 1,200}). Articles and {@code single} are not here: they state a count of one
 * to the parser, but a caption using them does not "state a number" in the sense of the count signals'
 * reports. The one list the parser and the reports share.
 */
public final class NumberWords {

    /** Number words with their values. */
    public static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("dozen", 12));

    private NumberWords() {
    }

    /** The value of a lower-case token that is a number word or a digit string (commas allowed), else null. */
    public static Integer value(String token) {
        Integer n = WORDS.get(token);
        if (n != null) {
            return n;
        }
        String digits = token.replace(",", "");
        if (!digits.isEmpty() && digits.length() < 7 && digits.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(digits);
        }
        return null;
    }
}
