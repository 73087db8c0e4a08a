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

    /** CIDEr-D of one candidate against its references (token lists); 0 without references. */
    public double score(List<String> candidate, List<List<String>> references) {
        NGramCounter counter = new NGramCounter(stats.vocabulary());
        CiderKernel kernel = stats.kernel();
        CiderKernel.Vector vector = kernel.vector(counter.count(candidate));
        return kernel.score(vector, vectors(counter, kernel, references), formula);
    }

    public Result evaluate(List<String> candidate, List<List<String>> references) {
        NGramCounter counter = new NGramCounter(stats.vocabulary());
        CiderKernel kernel = stats.kernel();
        CiderKernel.Vector vector = kernel.vector(counter.count(candidate));
        List<CiderKernel.Vector> refs = vectors(counter, kernel, references);
        return new Result(kernel.score(vector, refs, formula), kernel.byOrder(vector, refs, formula));
    }

    private static List<CiderKernel.Vector> vectors(NGramCounter counter, CiderKernel kernel,
                                                    List<List<String>> references) {
        List<CiderKernel.Vector> vectors = new ArrayList<>(references.size());
        for (List<String> reference : references) {
            vectors.add(kernel.vector(counter.count(reference)));
        }
        return vectors;
    }
}
