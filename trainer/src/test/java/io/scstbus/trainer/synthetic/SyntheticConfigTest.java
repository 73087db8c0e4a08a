package io.scstbus.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticConfigTest {

    @Test
    void splitSizesAddUpAndKeepATrainingImage() {
        SyntheticConfig c = new SyntheticConfig(7, 1, 64, 0.45, 0.45);
        assertEquals(7, c.trainImages() + c.valImages() + c.testImages());
        assertTrue(c.trainImages() >= 1);
        SyntheticConfig d = SyntheticConfig.defaults();
        assertEquals(1600, d.trainImages());
        assertEquals(200, d.valImages());
        assertEquals(200, d.testImages());
    }

    @Test
    void badValuesNameTheSettingAndTheRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SyntheticConfig(10, 1, 16, 0.1, 0.1));
        assertTrue(e.getMessage().contains("size must be between 32 and 512"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SyntheticConfig(10, 1, 64, 0.6, 0.4));
        assertTrue(e.getMessage().contains("val fraction + test fraction must be below 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SyntheticConfig(0, 1, 64, 0.1, 0.1));
        assertTrue(e.getMessage().contains("images must be at least 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SyntheticConfig(10, 1, 64, -0.1, 0.1));
        assertTrue(e.getMessage().contains("val fraction must be in [0, 1)"), e.getMessage());
    }
}
