package io.scstbus.rewards.signals;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a signal under a deadline so a pathological caption cannot hold the calling (stream) thread:
 * past the deadline the call is interrupted and the result is TIMEOUT; an exception becomes ERROR with
 * the exception's message. Signals stay pure; the deadline lives here.
 */
public final class DeadlineScorer implements AutoCloseable {

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
        Future<SignalResult> future = executor.submit(() -> signal.score(candidate, references));
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return SignalResult.timeout(signal.name() + " exceeded its deadline of " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return SignalResult.error(signal.name() + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return SignalResult.error(signal.name() + " interrupted");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
