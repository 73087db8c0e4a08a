package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.NGrams;
import java.util.List;

/**
 * The arithmetic shared by every CIDEr variant (pycocoevalcap {@code cider_scorer.py}, ruotianluo
 * {@code ciderD_scorer.py} and {@code cider_scorer.py}): tf-idf vectors per n-gram order with
 * idf = ln D - ln max(1, df), cosine-like similarity per order, mean over orders and references, x10.
 * Immutable; the idf table is indexed by n-gram id, ids past its end are unseen (df 0).
 */
final class CiderKernel {

    static final double SIGMA = 6.0;
    private static final int N = NGrams.MAX_ORDER;

    private final double[] idf;
    private final double refLength;

    private CiderKernel(double[] idf, double refLength) {
        this.idf = idf;
        this.refLength = refLength;
    }

    /** From document frequencies by id over {@code documents} documents. */
    static CiderKernel of(int[] documentFrequency, int documents) {
        double refLength = Math.log(documents);
        double[] idf = new double[documentFrequency.length];
        for (int id = 0; id < idf.length; id++) {
            idf[id] = refLength - Math.log(Math.max(1.0, documentFrequency[id]));
        }
        return new CiderKernel(idf, refLength);
    }

    /**
     * pycocoevalcap's {@code Cider}: one document per item (its reference set), D = number of items.
     * All n-grams come from one counter that has handed out {@code idCount} ids.
     */
    static CiderKernel ofDocuments(List<List<NGrams>> documents, int idCount) {
        int[] documentFrequency = new int[idCount];
        int[] lastDocument = new int[idCount];
        int document = 0;
        for (List<NGrams> references : documents) {
            document++;
            for (NGrams reference : references) {
                for (int k = 1; k <= N; k++) {
                    for (int i = 0; i < reference.distinct(k); i++) {
                        int id = reference.id(k, i);
                        if (lastDocument[id] != document) {
                            lastDocument[id] = document;
                            documentFrequency[id]++;
                        }
                    }
                }
            }
        }
        return of(documentFrequency, documents.size());
    }

    /** One caption's tf-idf vectors, norms and length (number of bigrams, as the Python code counts it). */
    static final class Vector {
        final int[][] ids = new int[N][];
        final double[][] values = new double[N][];
        final double[] norms = new double[N];
        final int length;

        Vector(int length) {
            this.length = length;
        }
    }

    Vector vector(NGrams grams) {
        Vector vector = new Vector(Math.max(0, grams.length() - 1));
        for (int k = 1; k <= N; k++) {
            int distinct = grams.distinct(k);
            int[] ids = new int[distinct];
            double[] values = new double[distinct];
            double squares = 0.0;
            for (int i = 0; i < distinct; i++) {
                int id = grams.id(k, i);
                double idfOfId = id < idf.length ? idf[id] : refLength;
                double value = grams.count(k, i) * idfOfId;
                ids[i] = id;
                values[i] = value;
                squares += value * value;
            }
            vector.ids[k - 1] = ids;
            vector.values[k - 1] = values;
            vector.norms[k - 1] = Math.sqrt(squares);
        }
        return vector;
    }

    /**
     * Per-order scores of a candidate against its references, each already x10 and averaged over
     * references; the item's score is their mean ({@link #mean}). No references: zeros.
     */
    double[] byOrder(Vector candidate, List<Vector> references, Cider.Formula formula) {
        double[] sums = new double[N];
        for (Vector reference : references) {
            addSimilarity(candidate, reference, formula, sums);
        }
        if (!references.isEmpty()) {
            for (int k = 0; k < N; k++) {
                sums[k] = sums[k] / references.size() * 10.0;
            }
        }
        return sums;
    }

    /** The item score: mean over orders of the summed similarities, / references, x10. */
    double score(Vector candidate, List<Vector> references, Cider.Formula formula) {
        if (references.isEmpty()) {
            return 0.0;
        }
        double[] sums = new double[N];
        for (Vector reference : references) {
            addSimilarity(candidate, reference, formula, sums);
        }
        return mean(sums) / references.size() * 10.0;
    }

    /** numpy's mean of four values: a left-to-right sum (pairwise summation starts at 8), / 4. */
    static double mean(double[] sums) {
        double total = 0.0;
        for (double sum : sums) {
            total += sum;
        }
        return total / sums.length;
    }

    private static void addSimilarity(Vector candidate, Vector reference, Cider.Formula formula, double[] sums) {
        double delta = candidate.length - reference.length;
        double penalty = Math.pow(Math.E, -(delta * delta) / (2 * SIGMA * SIGMA));
        for (int k = 0; k < N; k++) {
            int[] candidateIds = candidate.ids[k];
            int[] referenceIds = reference.ids[k];
            double[] candidateValues = candidate.values[k];
            double[] referenceValues = reference.values[k];
            double value = 0.0;
            int i = 0;
            int j = 0;
            while (i < candidateIds.length && j < referenceIds.length) {
                int a = candidateIds[i];
                int b = referenceIds[j];
                if (a < b) {
                    i++;
                } else if (a > b) {
                    j++;
                } else {
                    double candidateValue = candidateValues[i++];
                    double referenceValue = referenceValues[j++];
                    value += formula.clipped()
                            ? Math.min(candidateValue, referenceValue) * referenceValue
                            : candidateValue * referenceValue;
                }
            }
            if (candidate.norms[k] != 0 && reference.norms[k] != 0) {
                value /= candidate.norms[k] * reference.norms[k];
            }
            if (formula.penalized()) {
                value *= penalty;
            }
            sums[k] += value;
        }
    }
}
