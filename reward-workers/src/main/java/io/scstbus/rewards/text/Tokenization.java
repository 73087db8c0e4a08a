package io.scstbus.rewards.text;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a caption becomes the text pycocoevalcap's scorers see. {@link #PTB} is {@code COCOEvalCap}'s
 * pipeline (PTB tokens joined by single spaces); {@link #NONE} passes the caption unchanged, for text
 * that is tokenised already. Metrics then split that text themselves (see
 * {@link WhitespaceTokenizer#split} and {@link WhitespaceTokenizer#splitOnSpace}).
 */
public enum Tokenization {
    PTB("ptb") {
        @Override
        public String apply(String caption) {
            return String.join(" ", Ptb.TOKENIZER.tokenize(caption));
        }
    },
    NONE("none") {
        @Override
        public String apply(String caption) {
            return caption;
        }
    };

    /** Built on first use: CoreNLP's classes cost a command that never tokenises a tenth of a second to load. */
    private static final class Ptb {
        static final PtbTokenizer TOKENIZER = new PtbTokenizer();
    }

    private final String option;

    Tokenization(String option) {
        this.option = option;
    }

    /** The caption as the scorers see it. Thread-safe. */
    public abstract String apply(String caption);

    /** The command-line spelling: {@code ptb} or {@code none}. */
    public String option() {
        return option;
    }

    /** Parses {@code ptb} or {@code none}, case-insensitively. */
    public static Tokenization fromOption(String value) {
        for (Tokenization mode : values()) {
            if (mode.option.equals(value.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown tokenization '" + value + "'; expected one of "
                + Arrays.stream(values()).map(Tokenization::option).toList());
    }

    @Override
    public String toString() {
        return option;
    }
}
