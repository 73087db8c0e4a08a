package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import java.util.concurrent.atomic.LongAdder;

/** Counters a worker keeps about itself: records in and out, dead letters, non-OK scores. */
public class WorkerMetrics {

    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder resultsOut = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder invalid = new LongAdder();

    public void recordIn() {
        recordsIn.increment();
    }

    public void recordDeadLetter() {
        deadLetters.increment();
    }

    public void recordScored(RewardResult result) {
        resultsOut.increment();
        for (CandidateScores c : result.getCandidatesList()) {
            for (SignalScore s : c.getScoresList()) {
                onScore(s);
            }
        }
    }

    protected void onScore(SignalScore score) {
        if (score.getStatus() == ScoreStatus.TIMEOUT) {
            timeouts.increment();
        } else if (score.getStatus() == ScoreStatus.INVALID) {
            invalid.increment();
        }
    }

    public long recordsIn() {
        return recordsIn.sum();
    }

    public long resultsOut() {
        return resultsOut.sum();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long invalid() {
        return invalid.sum();
    }
}
