package io.scstbus.rewards.metrics.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.rewards.metrics.spice.CaptionGraph.Attribute;
import io.scstbus.rewards.metrics.spice.CaptionGraph.Relation;
import io.scstbus.rewards.metrics.spice.Tuple.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SPICE's tuples, merging, matching and F-scores on hand-built graphs, with hand-made synsets (plane and
 * airplane share s1, nothing else is a synonym), so no parser or model is involved. Expected values are worked
 * out in the comments.
 */
class SpiceTest {

    private static final Synsets SYNSETS = lemma -> Map.of("plane", Set.of("s1"), "airplane", Set.of("s1"))
            .getOrDefault(lemma, Set.of());
    private static final TupleSets TUPLES = new TupleSets(SYNSETS);
    private static final Spice SPICE = new Spice(SYNSETS);

    /** "two white planes near a building": the parser copied the plural node and its attribute. */
    private static final CaptionGraph CANDIDATE = new CaptionGraph(List.of("plane", "plane", "building"),
            List.of(new Attribute("plane", "white"), new Attribute("plane", "white")),
            List.of(new Relation("plane", "near", "building")));
    /** "a white plane" and "a white airplane in an airport". */
    private static final List<CaptionGraph> REFERENCES = List.of(
            new CaptionGraph(List.of("plane"), List.of(new Attribute("plane", "white")), List.of()),
            new CaptionGraph(List.of("airplane", "airport"), List.of(new Attribute("airplane", "white")),
                    List.of(new Relation("airplane", "in", "airport"))));

    private static List<String> text(List<Tuple> tuples) {
        return tuples.stream().map(Tuple::toString).toList();
    }

    @Test
    void candidateCopiesAndRepeatedAttributesAreOneTupleEach() {
        // plane x2 -> one object; (plane, white) x2 -> one attribute
        assertEquals(List.of("(plane)", "(building)", "(plane, white)", "(plane, near, building)"),
                text(TUPLES.candidate(CANDIDATE)));
    }

    @Test
    void referenceGraphsMergeSynonymousNodes() {
        // plane (caption 1) and airplane (caption 2) share s1: one node; its two "white" attributes: one tuple
        assertEquals(List.of("(airplane/plane)", "(airport)", "(airplane/plane, white)",
                "(airplane/plane, in, airport)"), text(TUPLES.references(REFERENCES)));
    }

    @Test
    void candidateSynonymsStaySeparateNodes() {
        CaptionGraph both = new CaptionGraph(List.of("plane", "airplane"), List.of(), List.of());
        assertEquals(List.of("(plane)", "(airplane)"), text(TUPLES.candidate(both)));
    }

    @Test
    void tuplesMatchOnLemmaOrSharedSynsetInEveryPosition() {
        Concept plane = Concept.of("plane", SYNSETS);
        Concept airplane = Concept.of("airplane", SYNSETS);
        Concept white = Concept.of("white", SYNSETS);
        Concept red = Concept.of("red", SYNSETS);
        assertTrue(plane.matches(airplane));
        assertFalse(white.matches(red));
        assertTrue(new Tuple(Category.ATTRIBUTE, List.of(airplane, white))
                .matches(new Tuple(Category.ATTRIBUTE, List.of(plane, white))));
        assertFalse(new Tuple(Category.ATTRIBUTE, List.of(plane, red))
                .matches(new Tuple(Category.ATTRIBUTE, List.of(plane, white))));
        assertFalse(new Tuple(Category.OBJECT, List.of(plane)).matches(new Tuple(Category.ATTRIBUTE, List.of(plane, white))));
    }

    @Test
    void imageScoreByHand() {
        // candidate: (plane) (building) (plane, white) (plane, near, building)
        // references: (airplane/plane) (airport) (airplane/plane, white) (airplane/plane, in, airport)
        // matched candidate tuples: (plane), (plane, white) -> P = 2/4; matched reference tuples: the same two
        // -> R = 2/4; F = 2 * 0.5 * 0.5 / 1 = 0.5
        Spice.ImageScore score = SPICE.score(CANDIDATE, REFERENCES);
        assertEquals(new SpiceScore(0.5, 0.5, 0.5, 4, 4), score.all());
        // objects {plane, building} vs {plane, airport}: P = R = F = 1/2
        assertEquals(0.5, score.categories().get(Category.OBJECT).f(), 1e-12);
        // attributes {(plane, white)} vs {(plane, white)}: 1
        assertEquals(1.0, score.categories().get(Category.ATTRIBUTE).f(), 1e-12);
        // relations: near is not in: 0
        assertEquals(0.0, score.categories().get(Category.RELATION).f(), 1e-12);
    }

    @Test
    void recallCountsMatchedReferenceTuplesNotMatchingCandidates() {
        // candidate (plane) (airplane), reference (plane): both candidate tuples match, P = 2/2; one reference
        // tuple is matched, R = 1/1 (counting candidate matches would make it 2/1); F = 1
        CaptionGraph both = new CaptionGraph(List.of("plane", "airplane"), List.of(), List.of());
        CaptionGraph plane = new CaptionGraph(List.of("plane"), List.of(), List.of());
        assertEquals(new SpiceScore(1, 1, 1, 2, 1), SPICE.score(both, List.of(plane)).all());
    }

    @Test
    void emptyCandidateScoresZero() {
        assertEquals(new SpiceScore(0, 0, 0, 0, 4), SPICE.score(CaptionGraph.EMPTY, REFERENCES).all());
    }

    @Test
    void corpusIsTheMeanOverImagesAndCategoriesSkipImagesWithoutSuchReferenceTuples() {
        // image 1: all 0.5, object 0.5, attribute 1, relation 0 (imageScoreByHand)
        // image 2: (tree) against (tree): all 1, object 1; no reference attribute or relation: those are NaN
        CaptionGraph tree = new CaptionGraph(List.of("tree"), List.of(), List.of());
        Spice.Corpus corpus = Spice.mean(List.of(SPICE.score(CANDIDATE, REFERENCES), SPICE.score(tree, List.of(tree))));
        assertEquals(2, corpus.images());
        assertEquals(0.75, corpus.spice(), 1e-12); // (0.5 + 1) / 2
        assertEquals(0.75, corpus.categories().get(Category.OBJECT), 1e-12); // (0.5 + 1) / 2
        assertEquals(1.0, corpus.categories().get(Category.ATTRIBUTE), 1e-12); // image 1 only
        assertEquals(0.0, corpus.categories().get(Category.RELATION), 1e-12); // image 1 only
    }

    @Test
    void noReferenceTuplesScoreZeroOverAllAndUndefinedPerCategory() {
        Spice.ImageScore score = SPICE.score(CANDIDATE, List.of(CaptionGraph.EMPTY));
        assertEquals(0.0, score.all().f());
        assertTrue(Double.isNaN(score.categories().get(Category.OBJECT).f()));
    }

    @Test
    void lemmasAreLowerCasedWithSingleSpaces() {
        assertEquals(new Attribute("storage tank", "white"), new Attribute(" Storage_Tank", "WHITE"));
        assertThrows(IllegalArgumentException.class, () -> new CaptionGraph(List.of(" "), List.of(), List.of()));
    }

    @Test
    void evaluatorParsesEachDistinctCaptionOnce() {
        List<String> parsed = new ArrayList<>();
        CaptionGraphParser oneObject = caption -> {
            parsed.add(caption);
            return new CaptionGraph(List.of(caption.split(" ")[1]), List.of(), List.of());
        };
        SpiceEvaluator evaluator = new SpiceEvaluator(oneObject, SYNSETS);
        List<SpiceEvaluator.Item> items = List.of(
                new SpiceEvaluator.Item("a plane", List.of("an airplane", "a plane", "an airplane")),
                new SpiceEvaluator.Item("a tree", List.of("a plane")));
        // image 1: (plane) vs merged (airplane/plane): F 1; image 2: (tree) vs (plane): F 0; mean 0.5
        assertEquals(0.5, evaluator.evaluate(items, ProgressBar.none()).spice(), 1e-12);
        assertEquals(List.of("a plane", "an airplane", "a tree"), parsed);
        evaluator.evaluate(items, ProgressBar.none());
        assertEquals(3, parsed.size(), "a second results file reuses the parses");
    }

    @Test
    void wordNetSynsetsJoinPlaneAndAirplaneButNotPlaneAndTree() {
        Synsets wordNet = Synsets.wordNet();
        assertTrue(Concept.of("plane", wordNet).matches(Concept.of("airplane", wordNet)));
        assertTrue(Concept.of("car", wordNet).matches(Concept.of("automobile", wordNet)));
        assertFalse(Concept.of("plane", wordNet).matches(Concept.of("tree", wordNet)));
        assertEquals(Set.of(), wordNet.of("next to"));
        assertTrue(wordNet.of("parking lots").containsAll(wordNet.of("parking lot")) && !wordNet.of("parking lot").isEmpty());
    }
}
