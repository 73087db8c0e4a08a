package io.scstbus.rewards.signals;

import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGramVocabulary;
import io.scstbus.rewards.text.NGrams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Repetition within one caption: the share of its content tokens that repeat an earlier content token
 * ("a river and a river": 1 of 2 content tokens, 0.5). Content tokens are the PTB tokens that are words
 * and not function words ({@code function-words.txt}: articles, number words, prepositions, ...), so
 * "two planes and two cars" repeats nothing. Lower is better; give it a negative weight.
 *
 * <p>Why it exists: once counts are rewarded, an SCST policy finds that naming an object twice ("a river
 * and a river") states one more count; BENCHMARKS.md saw it at count_coverage weight 1.0. The signal needs
 * no parser, so the cheap group serves it. The details name every maximal repeated phrase (a repeated
 * 1..4-gram that starts and ends with a content word and lies in no longer repeated phrase) as
 * {@code repeated: PHRASE} with its occurrences, besides {@code content_tokens} and {@code repeated_tokens}. A caption without content tokens (empty
 * included) scores OK 0.0 with {@code content_tokens = 0}.
 */
public final class RepetitionSignal extends AbstractSignal {

    public static final String NAME = "repetition";

    /** Prefix of the detail keys naming a repeated phrase. */
    public static final String REPEATED_PREFIX = "repeated: ";

    private static final Set<String> FUNCTION_WORDS = Set.copyOf(ObjectMatcher.loadLines("function-words.txt"));

    private final ReferenceTokens tokens;

    public RepetitionSignal(ReferenceTokens tokens) {
        super(NAME, "share of the caption's content tokens that repeat an earlier one (lower is better)",
                "repetition/1");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        Repetition r = measure(tokens.candidateTokens(candidate));
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("content_tokens", (double) r.contentTokens());
        extra.put("repeated_tokens", (double) r.repeatedTokens());
        r.phrases().forEach((phrase, count) -> extra.put(REPEATED_PREFIX + phrase, (double) count));
        return SignalResult.ok(r.value(), SignalDetails.extra(extra));
    }

    /**
     * What one caption repeats.
     *
     * @param contentTokens tokens that are content words
     * @param repeatedTokens content-token occurrences after the first of their word
     * @param phrases the maximal repeated phrases with their occurrences, in order of length then first id
     */
    public record Repetition(int contentTokens, int repeatedTokens, Map<String, Integer> phrases) {

        /** The signal's value: repeated over content tokens, 0 without content tokens. */
        public double value() {
            return contentTokens == 0 ? 0.0 : (double) repeatedTokens / contentTokens;
        }

        public boolean repeats() {
            return repeatedTokens > 0;
        }
    }

    /** The repetition in one tokenised caption (the shared tokenizer's tokens, lower case). */
    public static Repetition measure(List<String> words) {
        NGramCounter counter = new NGramCounter();
        NGrams grams = counter.count(words);
        NGramVocabulary vocabulary = counter.freeze();
        int content = (int) words.stream().filter(RepetitionSignal::isContent).count();
        int repeatedTokens = 0;
        List<List<String>> repeated = new ArrayList<>();
        List<Integer> occurrences = new ArrayList<>();
        for (int order = 1; order <= NGrams.MAX_ORDER; order++) {
            for (int i = 0; i < grams.distinct(order); i++) {
                int count = grams.count(order, i);
                List<String> phrase = count < 2 ? List.of() : vocabulary.tokens(grams.id(order, i));
                if (phrase.isEmpty() || !isContent(phrase.get(0)) || !isContent(phrase.get(phrase.size() - 1))) {
                    continue; // a phrase starts and ends with content words: "river", not "a river"
                }
                if (order == 1) {
                    repeatedTokens += count - 1;
                }
                repeated.add(phrase);
                occurrences.add(count);
            }
        }
        Map<String, Integer> phrases = new LinkedHashMap<>();
        for (int i = 0; i < repeated.size(); i++) {
            if (isMaximal(repeated.get(i), occurrences.get(i), repeated, occurrences)) {
                phrases.put(String.join(" ", repeated.get(i)), occurrences.get(i));
            }
        }
        return new Repetition(content, repeatedTokens, Collections.unmodifiableMap(phrases));
    }

    /** Whether a word is content: it has a letter and is not a function word. */
    public static boolean isContent(String token) {
        return token.chars().anyMatch(Character::isLetter) && !FUNCTION_WORDS.contains(token);
    }

    /** A repeated phrase is maximal unless a longer repeated phrase, as frequent, contains it. */
    private static boolean isMaximal(List<String> phrase, int count, List<List<String>> all, List<Integer> counts) {
        for (int j = 0; j < all.size(); j++) {
            List<String> other = all.get(j);
            if (other.size() > phrase.size() && counts.get(j) >= count
                    && Collections.indexOfSubList(other, phrase) >= 0) {
                return false;
            }
        }
        return true;
    }
}
