package io.scstbus.rewards.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.TestData;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FactualFormatTest {

    /** FACTUAL's get_seg_list: the set of fact strings, spacing normalised. */
    private static Set<String> facts(String graph) {
        String spaced = graph.replace("(", " ( ").replace(")", " ) ").replace(",", " , ").trim()
                .replaceAll("\\s+", " ");
        return Arrays.stream(spaced.split("\\) , \\("))
                .map(s -> s.replace("(", "").replace(")", "").strip())
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    @Test
    void readsRelationsAttributesAndCountsOfARealRow() {
        // dev.csv: "five boats tied to a dock"
        SceneGraph graph = FactualFormat.read("( boats , tie to , dock ) , ( boats , is , 5 )");
        assertEquals(List.of(new Relation("boats", "tie to", "dock")), graph.relations());
        Entity boats = graph.entity("boats").orElseThrow();
        assertEquals(5, boats.count());
        assertTrue(boats.attributes().isEmpty());
        assertNull(graph.entity("dock").orElseThrow().count());
    }

    @Test
    void isFollowedByWordsIsAnAttribute() {
        SceneGraph graph = FactualFormat.read("( stove , is , white ) , ( stove , in , kitchen )");
        assertEquals(List.of("white"), graph.entity("stove").orElseThrow().attributes());
        assertNull(graph.entity("stove").orElseThrow().count());
    }

    @Test
    void everyDevRowRoundTripsToTheSameFactSet() {
        List<FactualCsv.Row> rows = FactualCsv.read(TestData.data("factual/dev.csv"));
        assertTrue(rows.size() > 900, "dev.csv rows: " + rows.size());
        for (FactualCsv.Row row : rows) {
            ParseErrorList errors = ParseErrorList.tracking(5);
            SceneGraph graph = FactualFormat.read(row.graph(), errors);
            String written = FactualFormat.write(graph);
            Set<String> expected = facts(row.graph());
            // a bare ( e ) of an entity that also appears in another fact is redundant: FACTUAL's
            // writer-free data never has one, and our writer drops it.
            assertEquals(expected, facts(written), row.caption());
            assertEquals(written, FactualFormat.write(FactualFormat.read(written)), row.caption());
            assertTrue(errors.isEmpty(), row.caption() + " " + errors);
        }
    }

    @Test
    void dropsATruncatedLastFactWithItsOffset() {
        ParseErrorList errors = ParseErrorList.tracking(5);
        String truncated = "( man , wear , glasses ) , ( glasses , is , bla";
        SceneGraph graph = FactualFormat.read(truncated, errors);
        assertEquals("( man , wear , glasses )", FactualFormat.write(graph));
        assertEquals(1, errors.errors().size());
        assertEquals(truncated.lastIndexOf('('), errors.errors().get(0).offset());
    }

    @Test
    void aTruncatedOnlyFactKeepsItsFirstField() {
        SceneGraph graph = FactualFormat.read("( man , wea");
        assertEquals("( man )", FactualFormat.write(graph));
    }

    @Test
    void duplicateFactsCountOnce() {
        SceneGraph graph = FactualFormat.read(
                "( sheep , in , street ) , ( sheep , is , white ) , ( sheep , in , street ) , ( sheep , is , white )");
        assertEquals(1, graph.relations().size());
        assertEquals(List.of("white"), graph.entity("sheep").orElseThrow().attributes());
    }

    @Test
    void unspacedOutputIsReadLikeSpacedOutput() {
        assertEquals(FactualFormat.read("( planes , fly in , sky ) , ( planes , is , 3 )"),
                FactualFormat.read("(planes,fly in,sky),(planes,is,3)"));
    }

    @Test
    void bareEntitiesAreKeptAnywhere() {
        SceneGraph graph = FactualFormat.read("( pole ) , ( man , hold , knife ) , ( tree )");
        assertEquals(Set.of("pole", "man", "knife", "tree"),
                graph.entities().stream().map(Entity::text).collect(Collectors.toSet()));
    }

    @Test
    void errorsAreBounded() {
        ParseErrorList errors = ParseErrorList.tracking(2);
        FactualFormat.read("x ( a , b ) y ( c , d ) z ( e , f )", errors);
        assertEquals(2, errors.errors().size());
        assertTrue(errors.dropped() > 0);
    }

    @Test
    void countOfOneAndVagueQuantitiesAreNotWritten() {
        SceneGraph graph = SceneGraph.builder().count("tennis court", 1).quantity("planes", "many").build();
        assertEquals("( tennis court ) , ( planes )", FactualFormat.write(graph));
    }

    @Test
    void reservedCharactersInNamesDoNotBreakTheFormat() {
        SceneGraph graph = SceneGraph.builder().attribute("sign", "red, white").build();
        SceneGraph back = FactualFormat.read(FactualFormat.write(graph));
        assertEquals(List.of("red white"), back.entity("sign").orElseThrow().attributes());
    }

    @Test
    void emptyAndBlankInputGiveTheEmptyGraph() {
        assertEquals(SceneGraph.EMPTY, FactualFormat.read(""));
        assertEquals(SceneGraph.EMPTY, FactualFormat.read("   "));
        assertEquals("", FactualFormat.write(SceneGraph.EMPTY));
        assertFalse(FactualFormat.read("( a )").isEmpty());
    }
}
