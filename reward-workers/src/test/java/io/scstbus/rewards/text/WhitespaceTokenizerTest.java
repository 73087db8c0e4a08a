package io.scstbus.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhitespaceTokenizerTest {

    private final WhitespaceTokenizer tokenizer = new WhitespaceTokenizer();

    @Test
    void splitsOnRunsOfWhitespaceIgnoringEnds() {
        assertEquals(List.of("a", "river", "."), tokenizer.tokenize("  a\t river \n. "));
    }

    @Test
    void emptyTextHasNoTokens() {
        assertEquals(List.of(), tokenizer.tokenize(""));
        assertEquals(List.of(), tokenizer.tokenize(" \t "));
    }

    @Test
    void splitsOnNoBreakSpaceButNotOnZeroWidthSpaceAsPythonDoes() {
        assertEquals(List.of("many", "planes", "parked\u200b"), tokenizer.tokenize("many\u00a0planes parked\u200b"));
        assertEquals(List.of("a", "b", "c"), tokenizer.tokenize("a\u3000b\u2029c"));
    }

    @Test
    void splitOnSpaceKeepsEmptyTokensAsRougeDoes() {
        assertEquals(List.of(""), WhitespaceTokenizer.splitOnSpace(""));
        assertEquals(List.of("a", "", "b", ""), WhitespaceTokenizer.splitOnSpace("a  b "));
        assertEquals(List.of("a\tb"), WhitespaceTokenizer.splitOnSpace("a\tb"));
    }

    @Test
    void singleSpacedExactlyWhenBothSplitsAgree() {
        for (String text : List.of("", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u200bb",
                "two planes . ", "many planes parked near the terminal")) {
            assertEquals(WhitespaceTokenizer.split(text).equals(WhitespaceTokenizer.splitOnSpace(text)),
                    WhitespaceTokenizer.isSingleSpaced(text), "'" + text + "'");
        }
    }
}
