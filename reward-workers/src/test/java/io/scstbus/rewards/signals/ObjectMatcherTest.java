package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.text.WordNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObjectMatcherTest {

    private static ObjectMatcher matcher;

    @BeforeAll
    static void load() {
        matcher = new ObjectMatcher(WordNet.shared());
    }

    private static boolean same(String a, String b) {
        return matcher.matches(matcher.lemma(a), matcher.lemma(b));
    }

    @Test
    void pluralsMatchTheirSingular() {
        assertTrue(same("storage tanks", "storage tank"));
        assertTrue(same("buildings", "building"));
    }

    @Test
    void aCompoundMatchesItsHeadNoun() {
        assertTrue(same("storage tanks", "tank"));
        assertTrue(same("tennis court", "court"));
    }

    @Test
    void compoundsWithDifferentModifiersDoNotMatch() {
        assertFalse(same("tennis court", "basketball court"));
        assertFalse(same("baseball field", "football field"));
    }

    @Test
    void runTogetherDetectorNamesMatchCaptionPhrases() {
        assertTrue(same("storagetank", "storage tanks"));
        assertTrue(same("baseballfield", "baseball field"));
    }

    @Test
    void wordNetAndRemoteSensingSynonymsMatch() {
        assertTrue(same("airplanes", "planes"));
        assertTrue(same("vehicles", "cars"));
        assertTrue(same("boats", "ship"));
    }

    @Test
    void hypernymsAndNeighboursDoNotMatch() {
        assertFalse(same("house", "building"));
        assertFalse(same("plane", "plant"));
        assertFalse(same("river", "road"));
    }

    @Test
    void aOneEditTypoMatches() {
        assertTrue(same("buidling", "building"));
        assertFalse(same("parking", "parting"));
    }

    @Test
    void lemmaLowerCasesAndDropsPlural() {
        assertEquals("storage tank", matcher.lemma("Storage Tanks"));
    }
}
