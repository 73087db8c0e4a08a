package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGrams;
import java.util.ArrayList;
import java.util.List;

/**
 * pycocoevalcap's {@code Cider}: the CIDEr-D formula with document frequencies taken from the
 * references of the scored set itself (one document per item, D = number of items). A candidate's score
 * therefore depends on the other items of its set, and a set of one scores 0 (ln 1 = 0). Use
 * {@link CiderD} for rewards: fixed document frequencies, the same score in any batch.
 */
public final class Cider {

    /** Which CIDEr: the CIDEr-D arithmetic every current code uses, or the original of Vedantam et al. */
    public enum Formula {
        /** Clipped overlap min(c, r) x r and a Gaussian length penalty (sigma 6): pycocoevalcap, CiderD. */
        CIDER_D(true, true),
        /** Plain dot product, no length penalty: ruotianluo/cider's {@code Cider} ("cider" folder). */
        ORIGINAL(false, false);

        private final boolean clipped;
        private final boolean penalized;

        Formula(boolean clipped, boolean penalized) {
            this.clipped = clipped;
            this.penalized = penalized;
        }

        boolean clipped() {
            return clipped;
        }

        boolean penalized() {
            return penalized;
        }
    }

    private Cider() {
    }

    /** Scores of every item of a set (candidate token lists, reference token lists), CIDEr-D formula. */
    public static double[] scores(List<List<String>> candidates, List<List<List<String>>> references) {
        return scores(candidates, references, Formula.CIDER_D);
    }

    public static double[] scores(List<List<String>> candidates, List<List<List<String>>> references,
                                  Formula formula) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException(candidates.size() + " candidates but " + references.size()
                    + " reference sets");
        }
        NGramCounter counter = new NGramCounter();
        List<NGrams> counted = new ArrayList<>(candidates.size());
        List<List<NGrams>> documents = new ArrayList<>(references.size());
        for (int i = 0; i < candidates.size(); i++) {
            counted.add(counter.count(candidates.get(i)));
            List<NGrams> refs = new ArrayList<>(references.get(i).size());
            for (List<String> reference : references.get(i)) {
                refs.add(counter.count(reference));
            }
            documents.add(refs);
        }
        return scores(counted, documents, counter.size(), formula);
    }

    /** As above on pre-counted n-grams, all from one counter that handed out {@code idCount} ids. */
    static double[] scores(List<NGrams> candidates, List<List<NGrams>> documents, int idCount, Formula formula) {
        CiderKernel kernel = CiderKernel.ofDocuments(documents, idCount);
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            List<CiderKernel.Vector> refs = new ArrayList<>(documents.get(i).size());
            for (NGrams reference : documents.get(i)) {
                refs.add(kernel.vector(reference));
            }
            scores[i] = kernel.score(kernel.vector(candidates.get(i)), refs, formula);
        }
        return scores;
    }
}
