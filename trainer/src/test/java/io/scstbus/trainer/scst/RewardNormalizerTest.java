package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardNormalizerTest {

    @Test
    void noneKeepsRawValues() {
        assertArrayEquals(new double[] {1, 5}, new RewardNormalizer(RewardNormalization.NONE).normalize("s", new double[] {1, 5}));
    }

    @Test
    void zScoreIsPerBatchAndZeroWhenConstant() {
        RewardNormalizer z = new RewardNormalizer(RewardNormalization.Z_SCORE);
        double s = Math.sqrt(2.0 / 3.0);
        assertArrayEquals(new double[] {-1 / s, 0, 1 / s}, z.normalize("s", new double[] {1, 2, 3}), 1e-12);
        assertArrayEquals(new double[] {0, 0}, z.normalize("s", new double[] {4, 4}), 1e-12);
    }

    @Test
    void minMaxRunsOverEveryValueSeenSoFar() {
        RewardNormalizer m = new RewardNormalizer(RewardNormalization.MIN_MAX);
        assertArrayEquals(new double[] {0, 1}, m.normalize("s", new double[] {2, 4}), 1e-12);
        assertArrayEquals(new double[] {0.25, 1}, m.normalize("s", new double[] {3, 6}), 1e-12);
        assertArrayEquals(new double[] {0}, m.normalize("other", new double[] {9}), 1e-12);
    }

    @Test
    void minMaxStateSurvivesARestore() {
        RewardNormalizer m = new RewardNormalizer(RewardNormalization.MIN_MAX);
        m.normalize("s", new double[] {0, 10});
        RewardNormalizer restored = new RewardNormalizer(RewardNormalization.MIN_MAX);
        restored.restore(m.state());
        assertArrayEquals(new double[] {0.5}, restored.normalize(Map.of("s", new double[] {5})).get("s"), 1e-12);
    }
}
