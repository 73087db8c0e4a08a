package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.rewards.text.Tokenizer;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReferenceTokensTest {

    /** Counts how often captions are tokenised. */
    private static final class CountingTokenizer implements Tokenizer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<String> tokenize(String text) {
            calls.incrementAndGet();
            return new WhitespaceTokenizer().tokenize(text);
        }
    }

    private static final ReferenceContext FOREST =
            ReferenceContext.of("ucm", "1", List.of("a dense forest", "many trees"));

    @Test
    void tokenisesAnImagesReferencesOnceForEveryLaterCall() {
        CountingTokenizer tokenizer = new CountingTokenizer();
        ReferenceTokens tokens = new ReferenceTokens(tokenizer);
        tokens.references(FOREST);
        tokens.references(ReferenceContext.of("ucm", "1", List.of("a dense forest", "many trees")));
        assertEquals(2, tokenizer.calls.get());
    }

    @Test
    void changedReferencesOfTheSameImageAreTokenisedAfresh() {
        ReferenceTokens tokens = new ReferenceTokens(new CountingTokenizer());
        tokens.references(FOREST);
        List<String> words = tokens.references(ReferenceContext.of("ucm", "1", List.of("a river"))).get(0).words();
        assertEquals(List.of("a", "river"), words);
    }

    @Test
    void evictsTheLeastRecentlyUsedImagePastItsBound() {
        CountingTokenizer tokenizer = new CountingTokenizer();
        ReferenceTokens tokens = new ReferenceTokens(tokenizer, 1, 1);
        tokens.references(FOREST);
        tokens.references(ReferenceContext.of("ucm", "2", List.of("a river")));
        tokens.references(FOREST);
        assertEquals(new ReferenceTokens.Stats(0, 3, 1), tokens.stats());
    }

    @Test
    void rememberedCandidateIsNotTokenisedAgain() {
        CountingTokenizer tokenizer = new CountingTokenizer();
        ReferenceTokens tokens = new ReferenceTokens(tokenizer);
        tokens.candidate("a forest");
        tokens.candidate("a forest");
        assertEquals(1, tokenizer.calls.get());
    }
}
