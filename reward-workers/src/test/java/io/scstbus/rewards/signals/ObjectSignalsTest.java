package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.graph.CachingSceneGraphParser;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/design.md's worked examples and hand-checked RSICD images. */
class ObjectSignalsTest {

    private static final double EPS = 1e-9;

    private static CachingSceneGraphParser parser;
    private static SignalRegistry signals;

    @BeforeAll
    static void load() {
        parser = new CachingSceneGraphParser(new RulesSceneGraphParser(), 1000);
        signals = new SignalRegistry(ObjectSignals.all(parser));
    }

    private static SignalResult score(String signal, String candidate, ReferenceContext refs) {
        return signals.get(signal).score(candidate, refs);
    }

    private static ReferenceContext refs(List<String> captions, Map<String, Integer> counts) {
        return new ReferenceContext("rsicd", "test", captions, counts, List.of());
    }

    /** docs/design.md: refs mention forest, river, road; the candidate forest: SDE 1/3. */
    private static final ReferenceContext FOREST = refs(
            List.of("a river is in a forest with many green trees .", "a road goes through the forest ."), Map.of());

    @Test
    void sdeIsTheShareOfReferenceObjectsMentioned() {
        ReferenceContext refs = refs(List.of("a river runs through a forest .", "a road is near the forest ."),
                Map.of());
        SignalResult sde = score("sde", "a forest .", refs);
        assertEquals(1.0 / 3, sde.value(), EPS);
        assertEquals(List.of("forest"), sde.details().matched());
        assertEquals(List.of("river", "road"), sde.details().missing());
    }

    @Test
    void oversightIsTheShareMissed() {
        assertEquals(3.0 / 4, score("oversight", "a forest .", FOREST).value(), EPS);
    }

    @Test
    void sdeReadsPrecomputedReferenceGraphsWhenGiven() {
        ReferenceContext refs = new ReferenceContext("rsicd", "forest_14", List.of("ignored when graphs are given"),
                Map.of(), List.of("( river , in , forest )", "( road , through , forest )"));
        assertEquals(1.0 / 3, score("sde", "a green forest .", refs).value(), EPS);
    }

    /** docs/design.md: generated 4 planes, 3 buildings; reference 5 planes, 1 building. */
    private static final ReferenceContext AIRPORT = refs(
            List.of("many planes are parked near a building in an airport ."), Map.of("plane", 5, "building", 1));

    @Test
    void countAbsIsTheMeanAbsoluteErrorOfAlignedCounts() {
        SignalResult abs = score("count_abs", "four planes are parked near three buildings .", AIRPORT);
        assertEquals(1.5, abs.value(), EPS);
        assertEquals(List.of(new CountError("plane", 4, 5), new CountError("building", 3, 1)),
                abs.details().countErrors());
    }

    @Test
    void countedMentionsOfOneObjectInOneCaptionAddUp() {
        // "a large boat with two small boats": three boats, not the vote of 1 and 2
        ReferenceContext harbour = refs(List.of("three boats are next to a dock ."), Map.of());
        SignalResult abs = score("count_abs", "a large boat with two small boats is next to a dock .", harbour);
        assertEquals(0.0, abs.value(), EPS, abs.details().toString());
    }

    @Test
    void aPhraseWordNetLacksKeepsItsModifier() {
        // WordNet's morphology answered 'area' for 'industrial area': the compound never reached the signals
        ReferenceContext industrial = refs(List.of("many buildings are in an industrial area ."), Map.of());
        SignalResult sde = score("sde", "many buildings are in an industrial area .", industrial);
        assertTrue(sde.details().matched().contains("industrial area"), sde.details().matched().toString());
    }

    @Test
    void countSignedIsTheMeanSignedErrorOfAlignedCounts() {
        assertEquals(0.5, score("count_signed", "four planes are parked near three buildings .", AIRPORT).value(), EPS);
    }

    @Test
    void aCandidateMentioningNoCountedObjectScoresZeroAndSaysSo() {
        SignalResult abs = score("count_abs", "a road goes through a forest .", AIRPORT);
        assertTrue(abs.isOk());
        assertEquals(0.0, abs.value(), EPS);
        assertEquals(0.0, abs.details().extra().get("aligned_counts"), EPS);
        assertEquals(0.0, abs.details().extra().get("uncounted_counts"), EPS);
    }

    @Test
    void aCountedObjectMentionedWithoutANumberIsChargedAsZero() {
        // "many planes" where the dictionary counts 5: the whole count is the error, so silence does not pay
        SignalResult abs = score("count_abs", "many planes are parked .", AIRPORT);
        assertEquals(5.0, abs.value(), EPS);
        assertEquals(0.0, abs.details().extra().get("aligned_counts"), EPS);
        assertEquals(1.0, abs.details().extra().get("uncounted_counts"), EPS);
        assertEquals(-5.0, score("count_signed", "many planes are parked .", AIRPORT).value(), EPS);
    }

    @Test
    void anyGuessUpToTwiceTheCountBeatsSayingMany() {
        double many = score("count_abs", "many planes are parked near a building .", AIRPORT).value();
        double three = score("count_abs", "three planes are parked near a building .", AIRPORT).value();
        double nine = score("count_abs", "nine planes are parked near a building .", AIRPORT).value();
        // (5 + 0) / 2 for silence; (2 + 0) / 2 and (4 + 0) / 2 for the guesses
        assertEquals(2.5, many, EPS);
        assertEquals(1.0, three, EPS);
        assertEquals(2.0, nine, EPS);
    }

    @Test
    void countCoverageIsTheShareOfCountedReferenceObjectsStatedWithANumber() {
        // plane 5 and building 1 from the dictionary, airport 1 from "an airport"
        assertEquals(1.0, score("count_coverage", "four planes are near three buildings in an airport .", AIRPORT)
                .value(), EPS);
        assertEquals(1.0 / 3, score("count_coverage", "many planes are near some buildings in an airport .", AIRPORT)
                .value(), EPS);
    }

    @Test
    void aVagueCaptionLosesCoverageAndPaysCountAbs() {
        String vague = "many planes are parked .";
        assertEquals(0.0, score("count_coverage", vague, AIRPORT).value(), EPS);
        assertTrue(score("count_abs", vague, AIRPORT).value() > 0);
    }

    @Test
    void countCoverageIsFullWhenTheReferencesCountNothing() {
        ReferenceContext uncounted = refs(List.of("there are many trees in the forest ."), Map.of());
        SignalResult coverage = score("count_coverage", "some trees .", uncounted);
        assertTrue(coverage.isOk());
        assertEquals(1.0, coverage.value(), EPS);
    }

    /** storagetanks_263.jpg: five references, all "seven white storage tanks are in two lines near a river ." */
    private static final ReferenceContext TANKS = refs(
            List.of("seven white storage tanks are in two lines near a river .",
                    "seven white storage tanks are in two lines near a river .",
                    "seven white storage tanks are in two lines near a river ."), Map.of());

    @Test
    void referenceCountsComeFromTheCaptions() {
        // tanks 5 vs 7; "a river" is 1 on both sides, so it is aligned too: (2 + 0) / 2
        SignalResult abs = score("count_abs", "five storage tanks are near a river .", TANKS);
        assertEquals(1.0, abs.value(), EPS);
        assertEquals(List.of(new CountError("storage tank", 5, 7)), abs.details().countErrors());
        assertEquals(-1.0, score("count_signed", "five storage tanks are near a river .", TANKS).value(), EPS);
        assertEquals(1.0, score("sde", "five storage tanks are near a river .", TANKS).value(), EPS);
    }

    @Test
    void theCountDictionaryWinsOverCaptionCounts() {
        ReferenceContext refs = refs(TANKS.captions(), Map.of("storage tank", 8));
        // tanks 5 against the dictionary's 8; "the river" states no number, so it is charged its count: (-3 - 1) / 2
        assertEquals(-2.0, score("count_signed", "five storage tanks are near the river .", refs).value(), EPS);
    }

    @Test
    void hallucinationIsTheShareOfCandidateObjectsAbsentFromReferences() {
        SignalResult h = score("hallucination", "five storage tanks are near a river and a bridge .", TANKS);
        assertEquals(1.0 / 3, h.value(), EPS);
        assertEquals(List.of("bridge"), h.details().hallucinated());
    }

    @Test
    void countDictionaryObjectsAreNotHallucinations() {
        ReferenceContext refs = refs(TANKS.captions(), Map.of("vehicle", 2));
        assertEquals(0.0, score("hallucination", "seven storage tanks and two cars are near a river .", refs).value(),
                EPS);
    }

    @Test
    void aCompoundCandidateCoversItsHeadInTheReferences() {
        ReferenceContext refs = refs(List.of("many tanks are near a river ."), Map.of());
        assertEquals(1.0, score("sde", "many storage tanks are near a river .", refs).value(), EPS);
    }

    @Test
    void referencesWithoutObjectsAreInvalidForCoverage() {
        // bridge_218.jpg and others have near-empty references
        ReferenceContext refs = refs(List.of("", " ."), Map.of());
        assertEquals(Status.INVALID, score("sde", "a bridge .", refs).status());
        assertEquals(Status.INVALID, score("oversight", "a bridge .", refs).status());
        assertEquals(Status.INVALID, score("count_coverage", "a bridge .", refs).status());
    }

    @Test
    void referenceCaptionsAreParsedOnceAcrossSignals() {
        CachingSceneGraphParser.Stats before = parser.stats();
        ReferenceContext refs = refs(List.of("two bridges are over a wide river with some boats ."), Map.of());
        for (String name : signals.names()) {
            score(name, "a bridge is over a river .", refs);
        }
        CachingSceneGraphParser.Stats after = parser.stats();
        assertEquals(2, after.misses() - before.misses());
        // the object signals share one alignment of (candidate, references): the parser sees each text once
        assertEquals(0, after.hits() - before.hits());
    }

    @Test
    void versionsNameTheParser() {
        for (Signal signal : signals.all()) {
            assertTrue(signal.version().endsWith("+objects/2+rules/1"), signal.version());
        }
    }
}
