package io.scstbus.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.trainer.scst.BaselineKind;
import io.scstbus.trainer.scst.RewardNormalization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void yamlOverridesThePresetItNames() {
        TrainConfig c = TrainConfigYaml.parse("""
                preset: smoke
                run_id: my-run
                seed: 3
                scst:
                  steps: 20
                  baseline: leave_one_out
                  normalization: z_score
                  signals: {cider_d: 1.0, count_abs: -0.5}
                """);
        TrainConfig smoke = TrainConfig.smoke();
        assertEquals("my-run", c.runId());
        assertEquals(3, c.seed());
        assertEquals(20, c.scst().steps());
        assertEquals(BaselineKind.LEAVE_ONE_OUT, c.scst().baseline());
        assertEquals(RewardNormalization.Z_SCORE, c.scst().normalization());
        assertEquals(List.of("cider_d", "count_abs"), List.copyOf(c.scst().signals().keySet()), "signals replaced whole, in order");
        assertEquals(smoke.scst().samplesPerImage(), c.scst().samplesPerImage(), "unnamed keys keep the preset's value");
        assertEquals(smoke.model(), c.model());
        assertEquals(smoke.data(), c.data());
    }

    @Test
    void aDatasetOfOnesOwnKeepsNothingOfThePresetsSyntheticData() {
        TrainConfig c = TrainConfigYaml.parse("""
                preset: demo
                data:
                  name: rsicd
                  annotations: [{path: dataset_rsicd.json}]
                  images: images
                model: {preset: small, decoder: transformer}
                """);
        assertEquals(null, c.data().synthetic(), "no synthetic block carried over");
        assertEquals(null, c.data().counts(), "no counts file carried over");
        assertEquals(0, c.data().maxValImages(), "val not capped");
        assertEquals("resnet18", c.model().encoder());
        assertEquals("transformer", c.model().decoder());
        assertEquals(224, c.model().imageSize());
    }

    @Test
    void movingASyntheticPresetsRootMovesItsFiles() {
        TrainConfig c = TrainConfigYaml.parse("preset: smoke\ndata:\n  root: /tmp/elsewhere\n");
        assertEquals("/tmp/elsewhere", c.data().root());
        assertEquals(java.nio.file.Path.of("/tmp/elsewhere", "dataset.json").toString(), c.data().annotations().get(0).path());
        assertEquals(java.nio.file.Path.of("/tmp/elsewhere", "images").toString(), c.data().images());
        assertEquals(java.nio.file.Path.of("/tmp/elsewhere", "counts.json").toString(), c.data().counts());
        assertEquals(TrainConfig.smoke().data().synthetic(), c.data().synthetic());
    }

    @Test
    void anInvalidValueNamesTheFieldTheValueAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfigYaml.parse("preset: smoke\nscst: {samples_per_image: 0}\n"));
        assertTrue(e.getMessage().contains("scst.samples_per_image") && e.getMessage().contains("got 0")
                && e.getMessage().contains("[1, 1024]"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfigYaml.parse("scst: {stepz: 3}\n"));
        assertTrue(e.getMessage().contains("stepz") && e.getMessage().contains("scst"), e.getMessage());
    }

    @Test
    void leaveOneOutNeedsTwoSamplesAndSomeWeightMustBeNonZero() {
        ScstConfig s = TrainConfig.smoke().scst();
        IllegalArgumentException loo = assertThrows(IllegalArgumentException.class, () -> new ScstConfig(1, 1, 1, 1.0,
                BaselineKind.LEAVE_ONE_OUT, s.normalization(), s.signals(), 1e-4, 1e-4, 0));
        assertTrue(loo.getMessage().contains("LEAVE_ONE_OUT"), loo.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> s.withSignals(Map.of("length", 0.0)));
        assertTrue(zero.getMessage().contains("scst.signals"), zero.getMessage());
    }

    @Test
    void presetsRoundTripThroughYaml() {
        for (String name : TrainConfig.PRESETS) {
            TrainConfig preset = TrainConfig.preset(name);
            assertEquals(preset, TrainConfigYaml.parse(preset.toYaml()), name);
        }
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.preset("huge"));
    }
}
