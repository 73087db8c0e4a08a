package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGramVocabulary;
import io.scstbus.rewards.text.NGrams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Scores a set of captions with several metrics at once, as {@code COCOEvalCap.evaluate()} does: per
 * item values and corpus values (corpus BLEU from summed statistics; the other metrics the numpy mean
 * of the items). Each caption's n-grams are counted once for all metrics.
 */
public final class CaptionEvaluation {

    /** The metrics, with the keys their values are reported under, in report order. */
    public enum Metric {
        BLEU("bleu", List.of("bleu_1", "bleu_2", "bleu_3", "bleu_4")),
        ROUGE_L("rouge_l", List.of("rouge_l")),
        CIDER("cider", List.of("cider")),
        CIDER_D("cider_d", List.of("cider_d"));

        private final String option;
        private final List<String> keys;

        Metric(String option, List<String> keys) {
            this.option = option;
            this.keys = keys;
        }

        public String option() {
            return option;
        }

        public List<String> keys() {
            return keys;
        }

        public static Metric fromOption(String value) {
            for (Metric metric : values()) {
                if (metric.option.equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return metric;
                }
            }
            throw new IllegalArgumentException("unknown metric '" + value + "'; expected one of "
                    + Arrays.stream(values()).map(Metric::option).toList());
        }
    }

    /** One candidate with its references, split as pycocoevalcap's scorers split them. */
    public record Item(CaptionTokens candidate, List<CaptionTokens> references) {
        public Item {
            references = List.copyOf(references);
        }
    }

    /** Per item and corpus values by key, keys in {@link Metric} order. */
    public record Result(List<Map<String, Double>> items, Map<String, Double> corpus) {
        public Result {
            items = items.stream().map(Collections::unmodifiableMap).toList();
            corpus = Collections.unmodifiableMap(corpus);
        }
    }

    private CaptionEvaluation() {
    }

    /**
     * @param ciderDStats fixed document frequencies for {@link Metric#CIDER_D}; null to take them from
     *                    the references of {@code items} (self-critical's {@code df='corpus'}, equal to CIDEr)
     */
    public static Result evaluate(List<Item> items, Set<Metric> metrics, CorpusStats ciderDStats) {
        Set<Metric> wanted = metrics.isEmpty() ? EnumSet.noneOf(Metric.class) : EnumSet.copyOf(metrics);
        int n = items.size();
        List<Map<String, Double>> perItem = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            perItem.add(new LinkedHashMap<>());
        }
        Map<String, Double> corpus = new LinkedHashMap<>();

        NGramCounter counter = new NGramCounter(ciderDStats == null ? NGramVocabulary.EMPTY : ciderDStats.vocabulary());
        List<NGrams> candidates = new ArrayList<>(n);
        List<List<NGrams>> references = new ArrayList<>(n);
        if (wanted.contains(Metric.BLEU) || wanted.contains(Metric.CIDER) || wanted.contains(Metric.CIDER_D)) {
            // A caption object seen again (the same references for each candidate of an image) is counted once.
            Map<CaptionTokens, NGrams> counted = new IdentityHashMap<>();
            for (Item item : items) {
                candidates.add(counted.computeIfAbsent(item.candidate(), c -> counter.count(c.words())));
                List<NGrams> refs = new ArrayList<>(item.references().size());
                for (CaptionTokens reference : item.references()) {
                    refs.add(counted.computeIfAbsent(reference, r -> counter.count(r.words())));
                }
                references.add(refs);
            }
        }
        if (wanted.contains(Metric.BLEU)) {
            BleuStats total = BleuStats.ZERO;
            // an image's reference set (the same caption objects) is read once for all its candidates
            Map<List<NGrams>, BleuReferences> read = new HashMap<>();
            for (int i = 0; i < n; i++) {
                BleuStats stats = Bleu.stats(candidates.get(i), read.computeIfAbsent(references.get(i), BleuReferences::of));
                total = total.plus(stats);
                put(perItem.get(i), Metric.BLEU, Bleu.scores(stats));
            }
            put(corpus, Metric.BLEU, Bleu.scores(total));
        }
        if (wanted.contains(Metric.ROUGE_L)) {
            // each caption object coded once, with one code table, then items scored over the cores
            Map<String, Integer> codes = new HashMap<>();
            Map<CaptionTokens, int[]> coded = new IdentityHashMap<>();
            Function<CaptionTokens, int[]> code = caption -> RougeL.encode(caption.rougeWords(), codes);
            int[][] candidateCodes = new int[n][];
            List<List<int[]>> referenceCodes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Item item = items.get(i);
                candidateCodes[i] = coded.computeIfAbsent(item.candidate(), code);
                List<int[]> refs = new ArrayList<>(item.references().size());
                for (CaptionTokens reference : item.references()) {
                    refs.add(coded.computeIfAbsent(reference, code));
                }
                referenceCodes.add(refs);
            }
            double[] scores = new double[n];
            IntStream.range(0, n).parallel()
                    .forEach(i -> scores[i] = RougeL.evaluate(candidateCodes[i], referenceCodes.get(i)).score());
            putItems(perItem, corpus, Metric.ROUGE_L, scores);
        }
        double[] cider = null;
        if (wanted.contains(Metric.CIDER) || (wanted.contains(Metric.CIDER_D) && ciderDStats == null)) {
            cider = Cider.scores(candidates, references, counter.size(), Cider.Formula.CIDER_D);
        }
        if (wanted.contains(Metric.CIDER)) {
            putItems(perItem, corpus, Metric.CIDER, cider);
        }
        if (wanted.contains(Metric.CIDER_D)) {
            double[] ciderD = ciderDStats == null ? cider : fixedDf(candidates, references, ciderDStats);
            putItems(perItem, corpus, Metric.CIDER_D, ciderD);
        }
        return new Result(perItem, corpus);
    }

    private static double[] fixedDf(List<NGrams> candidates, List<List<NGrams>> references, CorpusStats stats) {
        CiderKernel kernel = stats.kernel();
        double[] scores = new double[candidates.size()];
        Map<NGrams, CiderKernel.Vector> vectors = new IdentityHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            List<NGrams> refNGrams = references.get(i);
            List<CiderKernel.Vector> refs = new ArrayList<>(refNGrams.size());
            for (NGrams reference : refNGrams) {
                refs.add(vectors.computeIfAbsent(reference, kernel::vector));
            }
            scores[i] = kernel.score(vectors.computeIfAbsent(candidates.get(i), kernel::vector), refs,
                    Cider.Formula.CIDER_D);
        }
        return scores;
    }

    private static void putItems(List<Map<String, Double>> perItem, Map<String, Double> corpus, Metric metric,
                                 double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            perItem.get(i).put(metric.keys().get(0), scores[i]);
        }
        corpus.put(metric.keys().get(0), scores.length == 0 ? 0.0 : Means.numpyMean(scores));
    }

    private static void put(Map<String, Double> target, Metric metric, double[] values) {
        for (int k = 0; k < values.length; k++) {
            target.put(metric.keys().get(k), values[k]);
        }
    }
}
