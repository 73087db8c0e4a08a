package io.scstbus.trainer.scst;

import io.scstbus.proto.v1.RolloutKey;

/** One image's total rewards after normalisation and weighting: K samples, then greedy. */
public record GroupReward(RolloutKey key, double[] samples, double greedy) {
}
