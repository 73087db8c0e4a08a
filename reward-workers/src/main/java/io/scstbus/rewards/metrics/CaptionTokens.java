package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.Tokenization;
import io.scstbus.rewards.text.Tokenizer;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.util.List;

/**
 * A caption as pycocoevalcap's scorers split it. They receive one string per caption (the tokeniser's
 * tokens joined by spaces, or the raw caption) and split it two ways: BLEU and CIDEr with Python's
 * {@code str.split()} ({@link #words()}), ROUGE-L with {@code str.split(" ")} ({@link #rougeWords()}),
 * where {@code ""} is one empty token and a double space makes one too.
 */
public record CaptionTokens(List<String> words, List<String> rougeWords) {

    public CaptionTokens {
        boolean same = rougeWords == words;
        words = List.copyOf(words);
        rougeWords = same ? words : List.copyOf(rougeWords);
    }

    /**
     * From the exact string pycocoevalcap's scorers would receive. Text whose words are separated by single
     * spaces (a tokeniser's output) splits the same both ways, and its two lists are one.
     */
    public static CaptionTokens of(String scorerText) {
        List<String> words = WhitespaceTokenizer.split(scorerText);
        return new CaptionTokens(words, WhitespaceTokenizer.isSingleSpaced(scorerText)
                ? words : WhitespaceTokenizer.splitOnSpace(scorerText));
    }

    /** From a caption, through a tokenisation mode. */
    public static CaptionTokens of(Tokenization mode, String caption) {
        return of(mode.apply(caption));
    }

    /** From a caption, through a tokenizer whose tokens are joined by single spaces. */
    public static CaptionTokens of(Tokenizer tokenizer, String caption) {
        return of(String.join(" ", tokenizer.tokenize(caption)));
    }
}
