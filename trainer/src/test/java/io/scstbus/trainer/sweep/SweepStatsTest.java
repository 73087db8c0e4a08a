package io.scstbus.trainer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepStatsTest {

    @Test
    void pairedIntervalIsTheStudentTIntervalOfTheMean() {
        // mean 0.2, sample std 0.1 (values 0.1, 0.2, 0.3), t(0.975, 2) = 4.303: half width 4.303 * 0.1 / sqrt(3)
        PairedInterval p = PairedInterval.of(new double[] {0.1, 0.2, 0.3});
        assertEquals(0.2, p.mean(), 1e-12);
        assertEquals(0.1, p.std(), 1e-12);
        assertEquals(0.2 - 4.303 * 0.1 / Math.sqrt(3), p.low(), 1e-9);
        assertTrue(p.low() < 0 && p.high() > 0, "three values this spread: the interval includes 0");
        assertTrue(PairedInterval.of(new double[] {0.19, 0.2, 0.21}).above(0.0));
        assertEquals(2.042, PairedInterval.t975(30), 1e-12);
        assertEquals(1.984, PairedInterval.t975(100), 1e-3);
    }

    @Test
    void oneValueHasNoInterval() {
        assertTrue(Double.isNaN(PairedInterval.of(new double[] {1.0}).low()));
    }

    @Test
    void mixesAndSeedsParse() {
        Mix mix = Mix.parse("counting=count_coverage:0.5,repetition:-1");
        assertEquals(Map.of("count_coverage", 0.5, "repetition", -1.0), mix.weights());
        assertEquals(0.5, mix.applyTo(Map.of("cider_d", 1.0, "count_coverage", 0.0)).get("count_coverage"));
        assertEquals(Map.of(), Mix.parse("preset=").weights());
        assertEquals(List.of(1L, 2L, 3L, 7L), Seeds.parse("1..3,7"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Mix.parse("x=cider_d:high"));
        assertTrue(bad.getMessage().contains("cider_d"), bad.getMessage());
    }

    @Test
    void captionSharesCountNumbersVagueQuantitiesAndRepeats() {
        CaptionShares s = CaptionShares.of(List.of("three planes are near a terminal .",
                "many planes are in an airport .", "a river and a river .", "a road ."));
        assertEquals(0.25, s.statesNumber(), 1e-12);
        assertEquals(0.25, s.vagueQuantity(), 1e-12);
        assertEquals(0.25, s.repeatsPhrase(), 1e-12);
    }
}
