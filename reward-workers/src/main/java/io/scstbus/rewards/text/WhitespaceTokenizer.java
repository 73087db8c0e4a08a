package io.scstbus.rewards.text;

import java.util.List;
import java.util.regex.Pattern;

/** Splits on runs of whitespace, nothing else: pycocoevalcap's behaviour on pre-tokenised text. */
public final class WhitespaceTokenizer implements Tokenizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public List<String> tokenize(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(WHITESPACE.split(trimmed));
    }
}
