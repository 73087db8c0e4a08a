package io.scstbus.rewards.graph.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.graph.Entity;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.Relation;
import io.scstbus.rewards.graph.SceneGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-checked RSICD captions (file names from rsicd_5caps.json) and FACTUAL conventions. */
class RulesSceneGraphParserTest {

    private static RulesSceneGraphParser parser;

    @BeforeAll
    static void load() {
        parser = new RulesSceneGraphParser();
    }

    private static Entity entity(SceneGraph graph, String text) {
        return graph.entity(text).orElseThrow(() -> new AssertionError("no entity '" + text + "' in " + graph));
    }

    @Test
    void numberWordGivesTheCountOfACompound() {
        // baseballfield_2.jpg
        SceneGraph graph = parser.parse("a baseball field is near three tennis courts .");
        Entity courts = entity(graph, "tennis courts");
        assertEquals(3, courts.count());
        assertEquals("tennis court", courts.lemma());
        assertTrue(graph.relations().contains(new Relation("baseball field", "near", "tennis courts")));
    }

    @Test
    void countAndColourOfStorageTanks() {
        // storagetanks_172.jpg
        Entity tanks = entity(parser.parse("seven white storage tanks are near several pieces of meadows ."),
                "storage tanks");
        assertEquals(7, tanks.count());
        assertEquals(List.of("white"), tanks.attributes());
    }

    @Test
    void manyIsAVagueQuantityNotANumber() {
        // airport_1.jpg
        SceneGraph graph = parser.parse("many planes are parked next to a long building in an airport .");
        Entity planes = entity(graph, "planes");
        assertNull(planes.count());
        assertEquals("many", planes.quantity());
        assertTrue(graph.relations().contains(new Relation("planes", "park next to", "building")));
        assertTrue(graph.relations().contains(new Relation("building", "in", "airport")));
    }

    @Test
    void digitsAreCounts() {
        // storagetanks_286.jpg
        Entity tanks = entity(parser.parse("19 oil storage tanks are there ."), "storage tanks");
        assertEquals(19, tanks.count());
        assertEquals(List.of("oil"), tanks.attributes());
    }

    @Test
    void singularArticlesAndSingleAreOne() {
        // airport_38.jpg
        SceneGraph graph = parser.parse("a single airport and a cross runway located in the farmland .");
        assertEquals(1, entity(graph, "airport").count());
        assertEquals(1, entity(graph, "runway").count());
    }

    @Test
    void lotsOfIsVagueAndThePassiveAgentIsTheSubject() {
        // baseballfield_164.jpg
        SceneGraph graph = parser.parse("the baseball field is surrounded by roads and lots of cars .");
        Entity cars = entity(graph, "cars");
        assertNull(cars.count());
        assertEquals("lots of", cars.quantity());
        assertTrue(graph.relations().contains(new Relation("cars", "surround", "baseball field")));
        assertTrue(graph.relations().contains(new Relation("roads", "surround", "baseball field")));
    }

    @Test
    void pairOfIsTwo() {
        assertEquals(2, entity(parser.parse("a pair of tennis courts are next to a road ."), "tennis courts").count());
    }

    @Test
    void severalAndSomeStateNoNumber() {
        // airport_15.jpg
        SceneGraph graph = parser.parse("four planes are near several buildings in an airport .");
        assertEquals(4, entity(graph, "planes").count());
        assertNull(entity(graph, "buildings").count());
        assertEquals("several", entity(graph, "buildings").quantity());
    }

    @Test
    void factualOutputFollowsFactualConventions() {
        // airport_17.jpg: heads as written, lemmatised predicate, no count of 1
        assertEquals("( planes , is , 2 ) , ( parking lot , is , large ) , ( planes , in , airport ) , "
                        + "( airport , near , parking lot )",
                FactualFormat.write(parser.parse("two planes are in an airport near a large parking lot .")));
    }

    @Test
    void coordinatedSubjectsShareTheRelation() {
        // playground_254.jpg
        SceneGraph graph = parser.parse("some green trees and three tennis courts are near a football field .");
        assertTrue(graph.relations().contains(new Relation("trees", "near", "football field")));
        assertTrue(graph.relations().contains(new Relation("tennis courts", "near", "football field")));
    }

    @Test
    void blankCaptionsGiveTheEmptyGraph() {
        assertSame(SceneGraph.EMPTY, parser.parse(""));
        assertSame(SceneGraph.EMPTY, parser.parse("  \t "));
    }

    @Test
    void concurrentParsesAgreeWithSequentialOnes() throws Exception {
        List<String> captions = List.of("many planes are parked next to a long building in an airport .",
                "seven white storage tanks are near several pieces of meadows .",
                "a baseball field is near three tennis courts .",
                "the baseball field is surrounded by roads and lots of cars .");
        List<SceneGraph> expected = captions.stream().map(parser::parse).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<SceneGraph>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<SceneGraph> out = new ArrayList<>();
                    for (int rep = 0; rep < 50; rep++) {
                        captions.forEach(c -> out.add(parser.parse(c)));
                    }
                    return out;
                }));
            }
            for (Future<List<SceneGraph>> run : runs) {
                List<SceneGraph> got = run.get();
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(expected.get(i % captions.size()), got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
