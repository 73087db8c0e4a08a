package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
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

    /** Like OpenNLP and ONNX: an interrupt does not stop it; only the end of the test does. */
    private final Signal deaf = signal("deaf", text -> {
        while (never.getCount() > 0) {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                // ignores interrupts, as native inference does
            }
        }
        return SignalResult.ok(1);
    });

    @Test
    void aThousandTimeoutsOfSignalsThatIgnoreInterruptsLeaveABoundedThreadCount() {
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        try (DeadlineScorer bounded = new DeadlineScorer(Duration.ofMillis(1), 4)) {
            List<SignalResult> results = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                results.add(bounded.score(deaf, "x", REFS));
            }
            assertEquals(1_000, results.stream().filter(r -> r.status() == Status.TIMEOUT).count());
            assertTrue(bounded.threadCount() <= 4, "pool threads: " + bounded.threadCount());
            int grown = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            assertTrue(grown <= 4 + 2, "live threads grew by " + grown);
            assertTrue(results.get(999).reason().startsWith("deaf not run: no free signal thread (all 4 are held"),
                    results.get(999).reason());
        }
    }

    @Test
    void aRecordBudgetEndsTheRunningJobAndTheJobsAfterIt() {
        try (DeadlineScorer longDeadline = new DeadlineScorer(Duration.ofSeconds(60))) {
            List<DeadlineScorer.Scored> scored = longDeadline.scoreAll(
                    List.of(job(length, "a"), job(stuck, "b"), job(length, "ccc")), Duration.ofMillis(200));
            assertEquals(List.of(Status.OK, Status.TIMEOUT, Status.TIMEOUT), statuses(scored));
            assertEquals("stuck stopped at the record's time budget of 200 ms", scored.get(1).result().reason());
            assertEquals("length not run: the record's time budget of 200 ms was spent", scored.get(2).result().reason());
        }
    }

    @Test
    void aSpentBudgetRunsNothing() {
        List<DeadlineScorer.Scored> scored = deadlines.scoreAll(List.of(job(length, "a")), Duration.ZERO);
        assertEquals(List.of(Status.TIMEOUT), statuses(scored));
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
