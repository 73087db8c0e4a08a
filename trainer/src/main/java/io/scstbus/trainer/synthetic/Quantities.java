package io.scstbus.trainer.synthetic;

import java.util.List;
import java.util.Random;

/**
 * How captions say how many: {@code a}/{@code one} for one object, number words for two to four, and
 * for {@value #VAGUE_FROM} or more either the number word or a vague quantity ({@code several} or
 * {@code some} below eight, {@code many} from eight). A vague word never stands for fewer than
 * {@value #VAGUE_FROM} objects, so every number a reference caption states is exact.
 */
public final class Quantities {

    /** The smallest count a vague quantity may describe. */
    public static final int VAGUE_FROM = 5;

    /** Vague quantities for counts from {@value #VAGUE_FROM} to 7. */
    public static final List<String> FEW = List.of("several", "some");

    /** Vague quantity for counts from 8. */
    public static final List<String> MANY = List.of("many");

    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve");

    private Quantities() {
    }

    /** The number word for {@code n}, 1 to 12. */
    public static String word(int n) {
        if (n < 1 || n >= WORDS.size()) {
            throw new IllegalArgumentException("number words go from one to twelve, got " + n);
        }
        return WORDS.get(n);
    }

    /** The value of a number word ({@code a}, {@code an} and {@code one} are 1), or -1. */
    public static int value(String word) {
        if (word.equals("a") || word.equals("an")) {
            return 1;
        }
        int i = WORDS.indexOf(word);
        return i >= 1 ? i : -1;
    }

    /** Whether the word is a vague quantity a caption may use for large counts. */
    public static boolean isVague(String word) {
        return FEW.contains(word) || MANY.contains(word);
    }

    /** A quantity for {@code count} objects as an annotator might write it. */
    static String say(int count, Random rng) {
        if (count == 1) {
            return rng.nextDouble() < 0.8 ? "a" : "one";
        }
        if (count < VAGUE_FROM || rng.nextBoolean()) {
            return word(count);
        }
        List<String> vague = count < 8 ? FEW : MANY;
        return vague.get(rng.nextInt(vague.size()));
    }
}
