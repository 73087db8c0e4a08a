package io.scstbus.trainer.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where SCST step time goes, in seconds, summed over steps: {@code encode} (loading the step's images and
 * running the encoder: for the greedy captions, the samples and the rescoring), {@code sample} (greedy and
 * sampled decoding), {@code publish} (building the rollout groups and sending them), {@code rewardWait}
 * (collecting the rewards) and {@code backward} (rescoring the samples with gradients, the loss, backward
 * and the optimiser step). On the CPU every array operation completes before the next line runs, so wall
 * time per phase is the phase's time; on a GPU the kernels of one phase may finish in the next.
 */
public record ScstPhaseSeconds(
        @JsonProperty("encode") double encode,
        @JsonProperty("sample") double sample,
        @JsonProperty("publish") double publish,
        @JsonProperty("reward_wait") double rewardWait,
        @JsonProperty("backward") double backward) {

    public static final ScstPhaseSeconds ZERO = new ScstPhaseSeconds(0, 0, 0, 0, 0);

    public ScstPhaseSeconds plus(ScstPhaseSeconds other) {
        return new ScstPhaseSeconds(encode + other.encode, sample + other.sample, publish + other.publish,
                rewardWait + other.rewardWait, backward + other.backward);
    }

    /** Each phase divided by {@code steps}: the mean step. */
    public ScstPhaseSeconds perStep(long steps) {
        double n = Math.max(1, steps);
        return new ScstPhaseSeconds(encode / n, sample / n, publish / n, rewardWait / n, backward / n);
    }
}
