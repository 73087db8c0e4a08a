package io.scstbus.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NGramCounterTest {

    private static List<String> words(String text) {
        return WhitespaceTokenizer.split(text);
    }

    @Test
    void countsEveryNGramUpToFourLikePrecook() {
        NGramCounter counter = new NGramCounter();
        NGrams grams = counter.count(words("a b a b a"));
        int a = counter.intern(List.of("a"));
        int ab = counter.intern(List.of("a", "b"));
        int ba = counter.intern(List.of("b", "a"));
        int abab = counter.intern(List.of("a", "b", "a", "b"));

        assertEquals(5, grams.length());
        assertEquals(2, grams.distinct(1));
        assertEquals(3, grams.countOf(1, a));
        assertEquals(2, grams.countOf(2, ab));
        assertEquals(2, grams.countOf(2, ba));
        assertEquals(2, grams.distinct(3));
        assertEquals(1, grams.countOf(4, abab));
    }

    @Test
    void shortSequencesHaveNoLongerNGrams() {
        NGrams grams = new NGramCounter().count(words("river"));
        assertEquals(1, grams.distinct(1));
        assertEquals(0, grams.distinct(2));
        assertEquals(0, grams.distinct(4));
        assertEquals(0, new NGramCounter().count(List.of()).distinct(1));
    }

    @Test
    void oneCounterGivesEqualNGramsEqualIdsAcrossSequences() {
        NGramCounter counter = new NGramCounter();
        NGrams first = counter.count(words("green trees near a river"));
        NGrams second = counter.count(words("a river near green trees"));
        int greenTrees = counter.intern(List.of("green", "trees"));

        assertEquals(1, first.countOf(2, greenTrees));
        assertEquals(1, second.countOf(2, greenTrees));
        assertEquals(0, second.countOf(2, counter.intern(List.of("trees", "near", "a"))));
    }

    @Test
    void frozenVocabularyKeepsIdsAndTokens() {
        NGramCounter builder = new NGramCounter();
        builder.count(words("many planes are parked"));
        int id = builder.intern(List.of("planes", "are", "parked"));
        NGramVocabulary vocabulary = builder.freeze();

        assertEquals(id, vocabulary.find(List.of("planes", "are", "parked")));
        assertEquals(List.of("planes", "are", "parked"), vocabulary.tokens(id));
        assertEquals(3, vocabulary.order(id));
        assertEquals(-1, vocabulary.find(List.of("planes", "parked")));
    }

    @Test
    void unseenNGramsGetIdsPastTheVocabulary() {
        NGramCounter builder = new NGramCounter();
        builder.count(words("a river"));
        NGramVocabulary vocabulary = builder.freeze();
        NGramCounter counter = new NGramCounter(vocabulary);

        int known = counter.intern(List.of("a", "river"));
        int unseen = counter.intern(List.of("a", "lake"));
        assertEquals(vocabulary.find(List.of("a", "river")), known);
        assertEquals(vocabulary.size() + 1, unseen, "'lake' then 'a lake' get the next ids");
        assertNotEquals(known, unseen);
        assertEquals(-1, vocabulary.find(List.of("a", "lake")), "the vocabulary itself is unchanged");
    }

    @Test
    void anExtendingCounterGivesItsParentsIdsToTheNGramsItsParentCounted() {
        NGramCounter builder = new NGramCounter();
        builder.count(words("a river"));
        NGramCounter image = new NGramCounter(builder.freeze());
        NGrams reference = image.count(words("green trees near a river"));
        int greenTrees = image.intern(List.of("green", "trees"));
        int aRiver = image.intern(List.of("a", "river"));
        int imageSize = image.size();

        NGramCounter candidate = NGramCounter.extending(image);
        NGrams counted = candidate.count(words("a river near green trees"));
        assertEquals(1, counted.countOf(2, greenTrees), "an n-gram the parent added itself");
        assertEquals(1, counted.countOf(2, aRiver), "an n-gram of the base vocabulary");
        assertEquals(1, reference.countOf(2, greenTrees));
        assertEquals(imageSize, candidate.intern(List.of("river", "near")), "new n-grams get ids after the parent's");
        assertEquals(imageSize, NGramCounter.extending(image).intern(List.of("by")),
                "a sibling's ids are its own");
    }

    @Test
    void anExtendedCounterRefusesToCountMore() {
        NGramCounter image = new NGramCounter();
        image.count(words("a river"));
        NGramCounter candidate = NGramCounter.extending(image);
        assertThrows(IllegalStateException.class, () -> image.count(words("a lake")));
        assertThrows(IllegalStateException.class, () -> image.intern(List.of("a", "lake")));
        assertThrows(IllegalArgumentException.class, () -> NGramCounter.extending(candidate));
        assertThrows(IllegalStateException.class, candidate::freeze);
    }

    @Test
    void rejectsNGramsLongerThanFour() {
        assertThrows(IllegalArgumentException.class, () -> new NGramCounter().intern(List.of("a", "b", "c", "d", "e")));
    }
}
