package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void greedyBaselineSubtractsTheGreedyReward() {
        assertArrayEquals(new double[] {-1.0, 0.0, 1.5},
                BaselineKind.GREEDY.create().advantages(new double[] {1.0, 2.0, 3.5}, 2.0), 1e-12);
    }

    @Test
    void leaveOneOutSubtractsTheMeanOfTheOtherSamples() {
        // samples 1, 2, 3, 6: others' means 11/3, 10/3, 3, 2
        assertArrayEquals(new double[] {1 - 11.0 / 3, 2 - 10.0 / 3, 0.0, 4.0},
                BaselineKind.LEAVE_ONE_OUT.create().advantages(new double[] {1, 2, 3, 6}, 100.0), 1e-12);
    }

    @Test
    void leaveOneOutNeedsTwoSamples() {
        assertThrows(IllegalArgumentException.class,
                () -> new LeaveOneOutBaseline().advantages(new double[] {1.0}, 0.0));
    }
}
