package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;

/** A result without what legitimately differs between two computations of it: who, when, how long. */
final class Normalized {

    private Normalized() {
    }

    static RewardResult of(RewardResult result) {
        RewardResult.Builder b = result.toBuilder().clearWorkerId().clearWorkerGroup().clearProducedAtMs();
        for (CandidateScores.Builder candidate : b.getCandidatesBuilderList()) {
            candidate.getScoresBuilderList().forEach(score -> score.clearLatencyMs());
        }
        return b.build();
    }
}
