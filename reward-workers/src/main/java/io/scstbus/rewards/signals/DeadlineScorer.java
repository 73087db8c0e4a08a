package io.scstbus.rewards.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs signals under a deadline so a pathological caption cannot hold the calling (stream) thread:
 * past the deadline the call is interrupted and the result is TIMEOUT; an exception becomes ERROR with
 * the exception's message. Signals stay pure; the deadline lives here.
 *
 * <p>{@link #scoreAll} hands a whole batch (every signal of every candidate of a rollout) to one pool
 * thread that runs the jobs in order, and the caller wakes once, when the batch is done: a hand-off per
 * signal call cost more than the cheap signals themselves. Each job still has its own deadline, counted
 * from when the previous job finished (for the first job, from submission). When a job overruns, it
 * is TIMEOUT, its thread is interrupted and abandoned, and the jobs after it go to a fresh pool thread.
 */
public final class DeadlineScorer implements AutoCloseable {

    /** One signal call: a signal, a candidate caption and its image's references. */
    public record Job(Signal signal, String candidate, ReferenceContext references) {
    }

    /** A job's result and how long the signal ran, in milliseconds. */
    public record Scored(SignalResult result, double latencyMs) {
    }

    private final ExecutorService executor;
    private final Duration deadline;

    public DeadlineScorer(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("signal deadline must be positive, got " + deadline);
        }
        this.deadline = deadline;
        AtomicInteger ids = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "signal-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Duration deadline() {
        return deadline;
    }

    public SignalResult score(Signal signal, String candidate, ReferenceContext references) {
        return scoreAll(List.of(new Job(signal, candidate, references))).get(0).result();
    }

    /** Scores every job, in order, each under the deadline; the list of results matches the jobs. */
    public List<Scored> scoreAll(List<Job> jobs) {
        Call call = new Call(jobs);
        int from = 0;
        while (from < jobs.size()) {
            Batch batch = new Batch(call, from, System.nanoTime());
            executor.execute(batch);
            from = call.awaitOrTimeout(batch, deadline.toNanos());
        }
        List<Scored> scored = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            scored.add(call.results.get(i));
        }
        return scored;
    }

    private String timeoutReason(Signal signal) {
        return signal.name() + " exceeded its deadline of " + deadline.toMillis() + " ms";
    }

    /** Which job a batch is running, and since when (nanoTime). */
    private record Progress(int index, long since) {
    }

    /** The results of one {@link #scoreAll} call; a result is set once, by the batch or by a timeout. */
    private final class Call {
        final List<Job> jobs;
        final AtomicReferenceArray<Scored> results;
        int filled;

        Call(List<Job> jobs) {
            this.jobs = jobs;
            this.results = new AtomicReferenceArray<>(jobs.size());
        }

        boolean set(int index, Scored scored) {
            if (!results.compareAndSet(index, null, scored)) {
                return false;
            }
            synchronized (this) {
                if (++filled == jobs.size()) {
                    notifyAll();
                }
            }
            return true;
        }

        /**
         * Waits until every job has a result (returns the job count) or the running job of {@code batch}
         * overruns: then that job is TIMEOUT, the batch is abandoned, and the index of the first job
         * without a result is returned, for a fresh batch.
         */
        int awaitOrTimeout(Batch batch, long deadlineNanos) {
            synchronized (this) {
                while (filled < jobs.size()) {
                    Progress progress = batch.progress;
                    long remaining = progress.since() + deadlineNanos - System.nanoTime();
                    if (remaining <= 0 && progress.index() < jobs.size()) {
                        Job late = jobs.get(progress.index());
                        set(progress.index(), new Scored(SignalResult.timeout(timeoutReason(late.signal())),
                                deadlineNanos / 1e6));
                        batch.abandon();
                        return firstUnfilled(progress.index() + 1);
                    }
                    try {
                        long wait = Math.max(remaining, 1_000_000L);
                        wait(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    } catch (InterruptedException e) {
                        batch.abandon();
                        for (int i = 0; i < jobs.size(); i++) {
                            set(i, new Scored(SignalResult.error(jobs.get(i).signal().name() + " interrupted"), 0));
                        }
                        Thread.currentThread().interrupt();
                    }
                }
                return jobs.size();
            }
        }

        private int firstUnfilled(int from) {
            int i = from;
            while (i < jobs.size() && results.get(i) != null) {
                i++;
            }
            return i;
        }
    }

    /** Runs a call's jobs from {@code from} on in one pool thread, until done or abandoned. */
    private static final class Batch implements Runnable {
        final Call call;
        final int from;
        volatile Progress progress;
        volatile boolean abandoned;
        volatile Thread thread;

        Batch(Call call, int from, long submittedNanos) {
            this.call = call;
            this.from = from;
            this.progress = new Progress(from, submittedNanos);
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                for (int i = from; i < call.jobs.size() && !abandoned; i++) {
                    if (call.results.get(i) != null) {
                        continue;
                    }
                    long start = System.nanoTime();
                    if (i != from) {
                        progress = new Progress(i, start);
                    }
                    Job job = call.jobs.get(i);
                    SignalResult result;
                    try {
                        result = job.signal().score(job.candidate(), job.references());
                    } catch (RuntimeException | Error e) {
                        if (abandoned) {
                            return;
                        }
                        result = SignalResult.error(job.signal().name() + " failed: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                    }
                    call.set(i, new Scored(result, (System.nanoTime() - start) / 1e6));
                }
            } finally {
                thread = null;
                Thread.interrupted();
            }
        }

        void abandon() {
            abandoned = true;
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
