package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.TestData;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default parser against 300 hand-labelled RSICD captions (testdata/rsicd/COUNTING.md): objects
 * and counts as the count signals see them. Targets from issue 16: 95 % object F1 and count accuracy.
 */
class RsicdCountingSampleTest {

    private static List<CountingSample.Row> rows;
    private static CountingSample.Score score;

    @BeforeAll
    static void scoreTheSample() throws IOException {
        rows = CountingSample.read(TestData.data("rsicd/counting-sample.tsv"));
        score = CountingSample.score(rows, CountingSample.alignment(new RulesSceneGraphParser()));
    }

    @Test
    void theSampleIsRandomPlusCountedCaptions() {
        assertEquals(200, rows.stream().filter(r -> r.stratum().equals("random")).count());
        assertEquals(100, rows.stream().filter(r -> r.stratum().equals("counted")).count());
        assertTrue(rows.stream().filter(r -> r.objects().values().stream().anyMatch(c -> c != null && c > 1)).count() >= 90,
                "the counted stratum states numbers above one");
    }

    @Test
    void objectF1IsAtLeast95Percent() {
        assertTrue(score.f1() >= 0.95, score.describe());
    }

    @Test
    void statedCountsAreRightAtLeast95PercentOfTheTime() {
        assertTrue(score.countedAccuracy() >= 0.95, score.describe());
        assertTrue(score.countAccuracy() >= 0.95, score.describe());
    }
}
