package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.NGramCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CIDEr-D as self-critical.pytorch computes rewards (ruotianluo/cider {@code CiderD}): n = 1..4, tf-idf
 * with document frequencies FIXED by a {@link CorpusStats} (usually the training references), clipped
 * overlap, Gaussian length penalty sigma 6, x10. A score never depends on its batch. Immutable and
 * thread-safe.
 */
public final class CiderD {

    private final CorpusStats stats;
    private final Cider.Formula formula;

    public CiderD(CorpusStats stats) {
        this(stats, Cider.Formula.CIDER_D);
    }

    /** With {@link Cider.Formula#ORIGINAL}: ruotianluo's original {@code Cider} on a fixed df table. */
    public CiderD(CorpusStats stats, Cider.Formula formula) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.formula = Objects.requireNonNull(formula, "formula");
    }

    /** The score, and per n-gram order the part it is the mean of. */
    public record Result(double score, double[] byOrder) {
        public Result {
            byOrder = byOrder.clone();
        }

        @Override
        public double[] byOrder() {
            return byOrder.clone();
        }
    }

    public CorpusStats stats() {
        return stats;
    }

    /**
     * An image's references counted and weighted once, to score each of its candidates against. Thread-safe
     * once published: candidates are counted by counters extending the one that counted the references.
     */
    public static final class References {
        private final NGramCounter counter;
        private final List<CiderKernel.Vector> vectors;

        private References(NGramCounter counter, List<CiderKernel.Vector> vectors) {
            this.counter = counter;
            this.vectors = vectors;
        }
    }

    /** The references (token lists) of one image, read for {@link #evaluate(List, References)}. */
    public References references(List<List<String>> references) {
        NGramCounter counter = new NGramCounter(stats.vocabulary());
        CiderKernel kernel = stats.kernel();
        List<CiderKernel.Vector> vectors = new ArrayList<>(references.size());
        for (List<String> reference : references) {
            vectors.add(kernel.vector(counter.count(reference)));
        }
        return new References(counter, List.copyOf(vectors));
    }

    /** CIDEr-D of one candidate against its references (token lists); 0 without references. */
    public double score(List<String> candidate, List<List<String>> references) {
        References read = references(references);
        return stats.kernel().score(vector(candidate, read), read.vectors, formula);
    }

    public Result evaluate(List<String> candidate, List<List<String>> references) {
        return evaluate(candidate, references(references));
    }

    public Result evaluate(List<String> candidate, References references) {
        CiderKernel kernel = stats.kernel();
        CiderKernel.Vector vector = vector(candidate, references);
        return new Result(kernel.score(vector, references.vectors, formula),
                kernel.byOrder(vector, references.vectors, formula));
    }

    private CiderKernel.Vector vector(List<String> candidate, References references) {
        return stats.kernel().vector(NGramCounter.extending(references.counter).count(candidate));
    }
}
