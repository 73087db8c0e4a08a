package io.scstbus.rewards.metrics;

import static io.scstbus.rewards.metrics.MetricVectors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.scstbus.rewards.metrics.CaptionEvaluation.Metric;
import io.scstbus.rewards.metrics.MetricVectors.Case;
import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGrams;
import io.scstbus.rewards.text.Tokenization;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value of testdata/metrics/vectors.json, in both tokenisation modes: BLEU and ROUGE-L to
 * 1e-15 relative, the CIDEr family and corpus means to 1e-12 relative. Each suite is scored as one set,
 * as the Python code scored it (CIDEr takes its document frequencies from the set).
 */
class MetricVectorsTest {

    private static final double EXACT = 1e-15;
    private static final double CIDER = 1e-12;

    /** A suite scored once per mode: the per-item and corpus values of every metric. */
    private record SuiteScores(CaptionEvaluation.Result coco, double[] original, double[] trainDf,
                               double[] trainDfEos) {
    }

    private static final Map<String, SuiteScores> SCORES = new ConcurrentHashMap<>();

    private static SuiteScores scores(String suite, Tokenization mode) {
        return SCORES.computeIfAbsent(suite + "/" + mode, key -> {
            List<Case> cases = MetricVectors.cases(suite, mode);
            List<CaptionEvaluation.Item> items = new ArrayList<>();
            List<List<String>> candidates = new ArrayList<>();
            List<List<List<String>>> references = new ArrayList<>();
            for (Case c : cases) {
                items.add(new CaptionEvaluation.Item(CaptionTokens.of(mode, c.candidate()),
                        c.references().stream().map(r -> CaptionTokens.of(mode, r)).toList()));
                candidates.add(MetricVectors.words(mode.apply(c.candidate()), false));
                references.add(c.references().stream().map(r -> MetricVectors.words(mode.apply(r), false)).toList());
            }
            CaptionEvaluation.Result coco = CaptionEvaluation.evaluate(items,
                    EnumSet.of(Metric.BLEU, Metric.ROUGE_L, Metric.CIDER), null);
            double[] original = Cider.scores(candidates, references, Cider.Formula.ORIGINAL);
            return new SuiteScores(coco, original, fixedDf(cases, mode, false), fixedDf(cases, mode, true));
        });
    }

    private static double[] fixedDf(List<Case> cases, Tokenization mode, boolean eos) {
        CiderD ciderD = new CiderD(MetricVectors.trainDf(mode, eos));
        double[] scores = new double[cases.size()];
        for (int i = 0; i < scores.length; i++) {
            Case c = cases.get(i);
            scores[i] = ciderD.score(MetricVectors.words(mode.apply(c.candidate()), eos),
                    c.references().stream().map(r -> MetricVectors.words(mode.apply(r), eos)).toList());
        }
        return scores;
    }

    private static Map<String, Double> item(Case c) {
        return scores(c.suite(), c.mode()).coco().items().get(c.index());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allCases")
    void bleuStatisticsMatch(Case c) {
        JsonNode expected = c.expected().get("bleu_stats");
        NGramCounter counter = new NGramCounter();
        NGrams candidate = counter.count(MetricVectors.words(c.mode().apply(c.candidate()), false));
        List<NGrams> refs = c.references().stream()
                .map(r -> counter.count(MetricVectors.words(c.mode().apply(r), false))).toList();
        BleuStats stats = Bleu.stats(candidate, refs);

        assertEquals(expected.get("testlen").asLong(), stats.testLength(), "testlen");
        assertEquals(expected.get("closest_reflen").asLong(), stats.referenceLength(), "closest reflen");
        for (int k = 1; k <= 4; k++) {
            assertEquals(expected.get("guess").get(k - 1).asLong(), stats.guess(k), "guess " + k);
            assertEquals(expected.get("correct").get(k - 1).asLong(), stats.correct(k), "correct " + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allCases")
    void bleuMatches(Case c) {
        for (int k = 1; k <= 4; k++) {
            String key = "bleu_" + k;
            assertClose(c.expected().get(key).asDouble(), item(c).get(key), EXACT, key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allCases")
    void rougeLMatches(Case c) {
        assertClose(c.expected().get("rouge_l").asDouble(), item(c).get("rouge_l"), EXACT, "rouge_l");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allCases")
    void ciderWithSetDocumentFrequenciesMatches(Case c) {
        assertClose(c.expected().get("cider_coco").asDouble(), item(c).get("cider"), CIDER, "cider_coco");
        assertClose(c.expected().get("ciderD_corpusdf").asDouble(), item(c).get("cider"), CIDER, "ciderD_corpusdf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allCases")
    void originalCiderMatches(Case c) {
        assertClose(c.expected().get("cider_original_corpusdf").asDouble(),
                scores(c.suite(), c.mode()).original()[c.index()], CIDER, "cider_original_corpusdf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allCases")
    void ciderDWithTrainDocumentFrequenciesMatches(Case c) {
        assertClose(c.expected().get("ciderD_traindf").asDouble(),
                scores(c.suite(), c.mode()).trainDf()[c.index()], CIDER, "ciderD_traindf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allCases")
    void ciderDWithEndTokenMatches(Case c) {
        assertClose(c.expected().get("ciderD_traindf_eos").asDouble(),
                scores(c.suite(), c.mode()).trainDfEos()[c.index()], CIDER, "ciderD_traindf_eos");
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allSuites")
    void corpusBleuMatches(String suite, Tokenization mode) {
        JsonNode expected = MetricVectors.corpus(suite, mode);
        for (int k = 1; k <= 4; k++) {
            String key = "bleu_" + k;
            assertClose(expected.get(key).asDouble(), scores(suite, mode).coco().corpus().get(key), EXACT, key);
        }
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("io.scstbus.rewards.metrics.MetricVectors#allSuites")
    void corpusMeansMatch(String suite, Tokenization mode) {
        JsonNode expected = MetricVectors.corpus(suite, mode);
        SuiteScores scores = scores(suite, mode);
        assertClose(expected.get("rouge_l").asDouble(), scores.coco().corpus().get("rouge_l"), CIDER, "rouge_l");
        assertClose(expected.get("cider_coco").asDouble(), scores.coco().corpus().get("cider"), CIDER, "cider_coco");
        assertClose(expected.get("cider_original_corpusdf").asDouble(), Means.numpyMean(scores.original()), CIDER,
                "cider_original_corpusdf");
        assertClose(expected.get("ciderD_traindf").asDouble(), Means.numpyMean(scores.trainDf()), CIDER,
                "ciderD_traindf");
        assertClose(expected.get("ciderD_traindf_eos").asDouble(), Means.numpyMean(scores.trainDfEos()), CIDER,
                "ciderD_traindf_eos");
    }
}
