package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.signals.DeadlineScorer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requested names that are no signal get exactly one INVALID answer: from the group that answers unknown names. */
class UnknownSignalsTest {

    private final DeadlineScorer deadlines = new DeadlineScorer(Duration.ofSeconds(5));
    private final ImageReferences refs = Rollouts.references("img1", "two planes are parked .");

    @AfterEach
    void close() {
        deadlines.close();
    }

    private RolloutScorer cheapGroup() {
        return new RolloutScorer(new StandardSignals().create(List.of("length")), deadlines, CaptionLimits.DEFAULT,
                "cheap", "w1", Clock.systemUTC());
    }

    private static List<String> names(CandidateScores scores) {
        return scores.getScoresList().stream().map(SignalScore::getSignal).toList();
    }

    @Test
    void answeringGroupScoresUnknownNameInvalidWithTheKnownNames() {
        RolloutScorer scorer = cheapGroup().answeringUnknown(StandardSignals.CONTRACT);

        RewardResult result = scorer.score(Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane",
                List.of("length", "foo")), refs);

        for (CandidateScores candidate : result.getCandidatesList()) {
            assertEquals(List.of("length", "foo"), names(candidate));
            assertEquals(ScoreStatus.OK, candidate.getScores(0).getStatus());
            SignalScore foo = candidate.getScores(1);
            assertEquals(ScoreStatus.INVALID, foo.getStatus());
            assertTrue(foo.getReason().startsWith("unknown signal 'foo'; known: [cider_d, length,"), foo.getReason());
        }
    }

    @Test
    void groupNotAnsweringUnknownNamesLeavesThemOut() {
        RewardResult result = cheapGroup().score(Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane",
                List.of("length", "foo")), refs);

        assertEquals(List.of("length"), names(result.getCandidates(0)));
    }

    @Test
    void signalServedByAnotherGroupIsNotAnsweredByTheAnsweringGroup() {
        RolloutScorer scorer = cheapGroup().answeringUnknown(StandardSignals.CONTRACT);

        RewardResult result = scorer.score(Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane",
                List.of("length", "sde", "vocab_kl")), refs);

        assertEquals(List.of("length"), names(result.getCandidates(0)));
    }

    @Test
    void unknownNameWithoutReferencesStillSaysUnknown() {
        RolloutScorer scorer = cheapGroup().answeringUnknown(StandardSignals.CONTRACT);

        RewardResult result = scorer.score(Rollouts.group("run", 1, "img9", List.of("a plane"), "a plane",
                List.of("length", "foo")), null);

        SignalScore length = result.getCandidates(0).getScores(0);
        assertEquals(ScoreStatus.INVALID, length.getStatus());
        assertTrue(length.getReason().startsWith("no references for image 'img9'"), length.getReason());
        assertTrue(result.getCandidates(0).getScores(1).getReason().startsWith("unknown signal 'foo'"));
    }

    @Test
    void unknownNameRequestedTwiceIsAnsweredOnce() {
        RolloutScorer scorer = cheapGroup().answeringUnknown(StandardSignals.CONTRACT);

        RewardResult result = scorer.score(Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane",
                List.of("foo", "foo")), refs);

        assertEquals(List.of("foo"), names(result.getCandidates(0)));
    }
}
