package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.RewardResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the open transaction of a stream thread has used so far: how long it has been open (so a record
 * gets at most what is left of the transaction's time budget, not only its own budget) and what it will
 * have published (counted into {@link WorkerMetrics} when it commits, dropped when it aborts, so a record
 * reprocessed after an abort is counted once). Kafka Streams gives each stream thread its own producer and
 * commits on that thread, so the scope is kept per thread; {@link CommitObservingClientSupplier} tells it
 * of commits and aborts.
 *
 * <p>{@link #immediate} is the scope of a topology without transactions (TopologyTestDriver): every record
 * gets its whole budget and is counted at once.
 */
final class TransactionScope {

    /** What one thread's open transaction has consumed and published. */
    private static final class Open {
        long openedAt;
        boolean open;
        int in;
        int deadLetters;
        final List<RewardResult> results = new ArrayList<>();
    }

    private final WorkerMetrics metrics;
    private final Duration recordBudget;
    private final long transactionBudgetNanos;
    private final boolean transactional;
    private final ThreadLocal<Open> open = ThreadLocal.withInitial(Open::new);

    private TransactionScope(WorkerMetrics metrics, Duration recordBudget, Duration transactionBudget,
                             boolean transactional) {
        this.metrics = metrics;
        this.recordBudget = recordBudget;
        this.transactionBudgetNanos = transactionBudget.toNanos();
        this.transactional = transactional;
    }

    /**
     * The scope of a worker whose transactions time out after {@code transactionTimeout}: a transaction's
     * records may spend 60 % of it scoring, the rest is margin for sending and committing.
     */
    static TransactionScope transactional(WorkerMetrics metrics, Duration recordBudget, Duration transactionTimeout) {
        return new TransactionScope(metrics, recordBudget, transactionTimeout.multipliedBy(3).dividedBy(5), true);
    }

    /** The scope of a topology without transactions: no budget but the per-signal deadline, counted at once. */
    static TransactionScope immediate(WorkerMetrics metrics) {
        return new TransactionScope(metrics, null, Duration.ZERO, false);
    }

    /**
     * The budget of the record the calling thread starts now: its own budget, or what its transaction has
     * left if that is less, but at least a tenth of its own (the grace a record gets in a transaction whose
     * budget is spent: cheap signals finish well inside it, slow ones are cut short); null without
     * transactions. Starts the transaction's clock.
     */
    Duration startRecord() {
        if (!transactional) {
            return recordBudget;
        }
        Open state = open.get();
        if (!state.open) {
            state.open = true;
            state.openedAt = System.nanoTime();
        }
        long left = Math.max(recordBudget.toNanos() / 10, transactionLeftNanos());
        return left < recordBudget.toNanos() ? Duration.ofNanos(left) : recordBudget;
    }

    /** Whether the calling thread's transaction has less left than one record's budget (time to commit). */
    boolean nearlySpent() {
        return transactional && transactionLeftNanos() < recordBudget.toNanos();
    }

    private long transactionLeftNanos() {
        Open state = open.get();
        return state.open ? transactionBudgetNanos - (System.nanoTime() - state.openedAt) : transactionBudgetNanos;
    }

    /**
     * Whether the calling thread's transaction has started records it has not committed: their results become
     * visible only at the commit, which Kafka Streams makes after its next poll ({@link IdlePolls}).
     */
    boolean uncommitted() {
        return transactional && open.get().open;
    }

    void recordIn() {
        if (transactional) {
            open.get().in++;
        } else {
            metrics.recordIn();
        }
    }

    void deadLetter() {
        if (transactional) {
            open.get().deadLetters++;
        } else {
            metrics.recordDeadLetter();
        }
    }

    void scored(RewardResult result) {
        if (transactional) {
            open.get().results.add(result);
        } else {
            metrics.recordScored(result);
        }
    }

    /** The calling thread's transaction committed: count what it published; its clock stops. */
    void committed() {
        Open state = open.get();
        for (int i = 0; i < state.in; i++) {
            metrics.recordIn();
        }
        for (int i = 0; i < state.deadLetters; i++) {
            metrics.recordDeadLetter();
        }
        state.results.forEach(metrics::recordScored);
        open.remove();
    }

    /**
     * The calling thread's transaction aborted, its commit failed, or its producer was closed with it open
     * (Kafka Streams replaces a fenced thread producer without aborting): nothing of it counts.
     */
    void aborted() {
        open.remove();
    }
}
