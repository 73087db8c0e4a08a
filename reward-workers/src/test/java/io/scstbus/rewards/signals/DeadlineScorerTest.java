package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineScorerTest {

    private static final ReferenceContext REFS = ReferenceContext.of("test", "1", List.of("a forest"));
    private final DeadlineScorer deadlines = new DeadlineScorer(Duration.ofMillis(200));
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        never.countDown();
        deadlines.close();
    }

    private static Signal signal(String name, Function<String, SignalResult> score) {
        return new Signal() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public String version() {
                return name + "/1";
            }

            @Override
            public SignalResult score(String candidate, ReferenceContext references) {
                return score.apply(candidate);
            }
        };
    }

    private final Signal length = signal("length", text -> SignalResult.ok(text.length()));
    private final Signal stuck = signal("stuck", text -> {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SignalResult.ok(1);
    });

    private static DeadlineScorer.Job job(Signal signal, String text) {
        return new DeadlineScorer.Job(signal, text, REFS);
    }

    private static List<Status> statuses(List<DeadlineScorer.Scored> scored) {
        return scored.stream().map(s -> s.result().status()).toList();
    }

    @Test
    void scoresEveryJobOfABatchInOrder() {
        List<DeadlineScorer.Scored> scored = deadlines.scoreAll(List.of(job(length, "ab"), job(length, "abc")));
        assertEquals(List.of(2.0, 3.0), scored.stream().map(s -> s.result().value()).toList());
    }

    @Test
    void aJobPastItsDeadlineIsTimeoutAndTheJobsAfterItAreStillScored() {
        List<DeadlineScorer.Scored> scored = deadlines.scoreAll(
                List.of(job(length, "a"), job(stuck, "b"), job(length, "ccc")));
        assertEquals(List.of(Status.OK, Status.TIMEOUT, Status.OK), statuses(scored));
        assertEquals(3.0, scored.get(2).result().value());
    }

    @Test
    void timeoutNamesTheSignalAndTheDeadline() {
        assertEquals("stuck exceeded its deadline of 200 ms", deadlines.score(stuck, "x", REFS).reason());
    }

    @Test
    void anExceptionBecomesErrorWithItsMessage() {
        Signal failing = signal("failing", text -> {
            throw new IllegalStateException("no model");
        });
        SignalResult result = deadlines.score(failing, "x", REFS);
        assertEquals(Status.ERROR, result.status());
        assertEquals("failing failed: IllegalStateException: no model", result.reason());
    }
}
