package io.scstbus.rewards.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs signals under deadlines so a pathological caption cannot hold the calling (stream) thread: past
 * a deadline the call is interrupted and the result is TIMEOUT; an exception becomes ERROR with the
 * exception's message. Signals stay pure; the deadlines live here.
 *
 * <p>{@link #scoreAll} hands a whole batch (every signal of every candidate of a rollout) to one pool
 * thread that runs the jobs in order, and the caller wakes once, when the batch is done: a hand-off per
 * signal call cost more than the cheap signals themselves. Two clocks bound a batch: each job has the
 * per-signal deadline, counted from when it started, and the batch as a whole may have a budget
 * ({@link #scoreAll(List, Duration)}), counted from the call: when the budget is spent, the running job
 * and every job not yet run are TIMEOUT and the call returns. A job past its own deadline is TIMEOUT and
 * the jobs after it go to another pool thread.
 *
 * <p>The pool is bounded. A timed-out call is interrupted and abandoned, but OpenNLP and ONNX ignore
 * interrupts, so its thread may keep running; it holds one of the {@code maxThreads} threads until the
 * signal returns. When all of them are held, a batch waits for one until its deadline (the budget, or the
 * per-signal deadline without one) and then its jobs are TIMEOUT with the reason "no free signal thread":
 * the thread count never grows past the bound, whatever the signals do.
 */
public final class DeadlineScorer implements AutoCloseable {

    /** Threads of a scorer built without a bound: enough for a few callers and a few stuck calls. */
    public static final int DEFAULT_MAX_THREADS = 8;

    /** One signal call: a signal, a candidate caption and its image's references. */
    public record Job(Signal signal, String candidate, ReferenceContext references) {
    }

    /** A job's result and how long the signal ran, in milliseconds. */
    public record Scored(SignalResult result, double latencyMs) {
    }

    private final ThreadPoolExecutor executor;
    private final Semaphore free;
    private final int maxThreads;
    private final Duration deadline;

    public DeadlineScorer(Duration deadline) {
        this(deadline, DEFAULT_MAX_THREADS);
    }

    /**
     * @param deadline   the most one signal call may take
     * @param maxThreads the most pool threads, running and abandoned calls together
     */
    public DeadlineScorer(Duration deadline, int maxThreads) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("signal deadline must be positive, got " + deadline);
        }
        if (maxThreads < 1) {
            throw new IllegalArgumentException("signal threads must be >= 1, got " + maxThreads);
        }
        this.deadline = deadline;
        this.maxThreads = maxThreads;
        this.free = new Semaphore(maxThreads);
        AtomicInteger ids = new AtomicInteger();
        // a batch is submitted only with a permit, so the queue is (nearly) always empty
        this.executor = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "signal-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    public Duration deadline() {
        return deadline;
    }

    public int maxThreads() {
        return maxThreads;
    }

    /** Pool threads alive now (running, abandoned but still running, or idle): never more than {@link #maxThreads}. */
    public int threadCount() {
        return executor.getPoolSize();
    }

    public SignalResult score(Signal signal, String candidate, ReferenceContext references) {
        return scoreAll(List.of(new Job(signal, candidate, references))).get(0).result();
    }

    /** Scores every job, in order, each under the per-signal deadline; the list of results matches the jobs. */
    public List<Scored> scoreAll(List<Job> jobs) {
        return run(jobs, Long.MAX_VALUE, null);
    }

    /**
     * As {@link #scoreAll(List)}, and the whole call within {@code budget}: when it is spent, the running
     * job and the jobs not yet run are TIMEOUT, naming the budget. A zero budget runs nothing.
     */
    public List<Scored> scoreAll(List<Job> jobs, Duration budget) {
        long nanos = Math.max(0, budget.toNanos());
        return run(jobs, System.nanoTime() + nanos, budget);
    }

    private List<Scored> run(List<Job> jobs, long budgetEnd, Duration budget) {
        Call call = new Call(jobs, budgetEnd, budget);
        int from = 0;
        while (from < jobs.size()) {
            if (!call.acquireThread(from)) {
                break;
            }
            Batch batch = new Batch(call, from, System.nanoTime(), free);
            executor.execute(batch);
            from = call.awaitOrTimeout(batch, deadline.toNanos());
        }
        List<Scored> scored = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            scored.add(call.results.get(i));
        }
        return scored;
    }

    /** Which job a batch is running, and since when (nanoTime). */
    private record Progress(int index, long since) {
    }

    /** The results of one {@link #scoreAll} call; a result is set once, by the batch or by a timeout. */
    private final class Call {
        final List<Job> jobs;
        final AtomicReferenceArray<Scored> results;
        final long budgetEnd;
        final Duration budget;
        final long started = System.nanoTime();
        int filled;

        Call(List<Job> jobs, long budgetEnd, Duration budget) {
            this.jobs = jobs;
            this.results = new AtomicReferenceArray<>(jobs.size());
            this.budgetEnd = budgetEnd;
            this.budget = budget;
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
         * Takes a pool thread for the jobs from {@code from} on, waiting for one until the budget ends (or
         * one per-signal deadline without a budget); false, with those jobs TIMEOUT, when none came free.
         */
        boolean acquireThread(int from) {
            long wait = Math.min(deadline.toNanos(), budgetEnd - System.nanoTime());
            try {
                if (wait > 0 && free.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                fillFrom(from, job -> SignalResult.error(job.signal().name() + " interrupted"));
                Thread.currentThread().interrupt();
                return false;
            }
            boolean budgetSpent = budgetEnd - System.nanoTime() <= 0;
            fillFrom(from, job -> SignalResult.timeout(budgetSpent ? notRunReason(job.signal())
                    : job.signal().name() + " not run: no free signal thread (all " + maxThreads
                            + " are held by calls past their deadline)"));
            return false;
        }

        private void fillFrom(int from, java.util.function.Function<Job, SignalResult> result) {
            double elapsedMs = (System.nanoTime() - started) / 1e6;
            for (int i = from; i < jobs.size(); i++) {
                set(i, new Scored(result.apply(jobs.get(i)), elapsedMs));
            }
        }

        private String notRunReason(Signal signal) {
            return signal.name() + " not run: the record's time budget of " + budget.toMillis() + " ms was spent";
        }

        /**
         * Waits until every job has a result (returns the job count) or the running job of {@code batch}
         * overruns: past its own deadline that job is TIMEOUT, the batch is abandoned, and the index of the
         * first job without a result is returned, for a fresh batch; past the budget every job left is
         * TIMEOUT and the job count is returned.
         */
        int awaitOrTimeout(Batch batch, long deadlineNanos) {
            synchronized (this) {
                while (filled < jobs.size()) {
                    Progress progress = batch.progress;
                    long now = System.nanoTime();
                    long untilDeadline = progress.since() + deadlineNanos - now;
                    long untilBudget = budgetEnd - now;
                    if (untilBudget <= 0 && progress.index() < jobs.size()) {
                        Job running = jobs.get(progress.index());
                        set(progress.index(), new Scored(SignalResult.timeout(running.signal().name()
                                + " stopped at the record's time budget of " + budget.toMillis() + " ms"),
                                (now - progress.since()) / 1e6));
                        batch.abandon();
                        fillFrom(progress.index() + 1, job -> SignalResult.timeout(notRunReason(job.signal())));
                        return jobs.size();
                    }
                    if (untilDeadline <= 0 && progress.index() < jobs.size()) {
                        Job late = jobs.get(progress.index());
                        set(progress.index(), new Scored(SignalResult.timeout(late.signal().name()
                                + " exceeded its deadline of " + deadline.toMillis() + " ms"), deadlineNanos / 1e6));
                        batch.abandon();
                        return firstUnfilled(progress.index() + 1);
                    }
                    try {
                        long wait = Math.max(Math.min(untilDeadline, untilBudget), 1_000_000L);
                        wait(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    } catch (InterruptedException e) {
                        batch.abandon();
                        fillFrom(0, job -> SignalResult.error(job.signal().name() + " interrupted"));
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

    /**
     * Runs a call's jobs from {@code from} on in one pool thread, until done or abandoned; gives its
     * thread permit back when it ends, which for an abandoned call is when its signal finally returns.
     */
    private static final class Batch implements Runnable {
        final Call call;
        final int from;
        final Semaphore permit;
        volatile Progress progress;
        volatile boolean abandoned;
        volatile Thread thread;

        Batch(Call call, int from, long submittedNanos, Semaphore permit) {
            this.call = call;
            this.from = from;
            this.permit = permit;
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
                    if (abandoned) {
                        return;
                    }
                    call.set(i, new Scored(result, (System.nanoTime() - start) / 1e6));
                }
            } finally {
                thread = null;
                Thread.interrupted();
                permit.release();
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
