package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.text.PtbTokenizer;
import io.scstbus.rewards.text.Tokenization;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cider_d, bleu_4 and rouge_l as signals give the reference values of vectors.json (ptb mode). */
class MetricSignalsTest {

    private static final PtbTokenizer TOKENIZER = new PtbTokenizer();
    private static JsonNode suite;
    private static JsonNode item;
    private static ReferenceContext references;
    private static CorpusStats trainDf;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        suite = json.readTree(TestData.data("metrics/vectors.json").toFile()).get("suites").get("rsicd300").get("items");
        item = suite.get(0);
        references = references(0);
        // vectors.json's train table: one document per RSICD train image, of its first sentence only
        CorpusStats.Builder builder = CorpusStats.builder();
        for (JsonNode image : json.readTree(TestData.data("rsicd/rsicd_5caps.json").toFile()).get("images")) {
            if (image.get("split").asText().equals("train")) {
                String first = image.get("sentences").get(0).get("raw").asText();
                builder.addDocument(List.of(WhitespaceTokenizer.split(Tokenization.PTB.apply(first))));
            }
        }
        trainDf = builder.build();
    }

    private static ReferenceContext references(int index) {
        List<String> captions = new ArrayList<>();
        suite.get(index).get("references").forEach(reference -> captions.add(reference.asText()));
        return ReferenceContext.of("rsicd", String.format("%03d", index), captions);
    }

    private static double expected(String key) {
        return item.get("ptb").get(key).asDouble();
    }

    @Test
    void ciderDSignalGivesSelfCriticalsReward() {
        SignalResult result = new CiderDSignal(trainDf, TOKENIZER).score(item.get("candidate").asText(), references);
        assertTrue(result.isOk(), result.reason());
        assertEquals(expected("ciderD_traindf"), result.value(), 1e-12 * expected("ciderD_traindf"));
        double[] orders = {result.details().extra().get("cider_d_1"), result.details().extra().get("cider_d_2"),
            result.details().extra().get("cider_d_3"), result.details().extra().get("cider_d_4")};
        assertEquals(result.value(), (orders[0] + orders[1] + orders[2] + orders[3]) / 4, 1e-12);
    }

    @Test
    void bleu4SignalGivesSentenceBleu() {
        SignalResult result = new Bleu4Signal(TOKENIZER).score(item.get("candidate").asText(), references);
        assertEquals(expected("bleu_4"), result.value(), 1e-15 * expected("bleu_4"));
        assertEquals(expected("bleu_1"), result.details().extra().get("bleu_1"), 1e-15);
    }

    @Test
    void rougeLSignalGivesRougeL() {
        SignalResult result = new RougeLSignal(TOKENIZER).score(item.get("candidate").asText(), references);
        assertEquals(expected("rouge_l"), result.value(), 1e-15 * expected("rouge_l"));
    }

    @Test
    void readingAnImagesReferencesOnceForAllItsCandidatesChangesNoValue() {
        ReferenceTokens tokens = new ReferenceTokens(TOKENIZER);
        CiderDSignal ciderD = new CiderDSignal(trainDf, tokens);
        Bleu4Signal bleu = new Bleu4Signal(tokens);
        int items = suite.size();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < items; i++) {
                ReferenceContext image = references(i);
                // another image's candidate first, against these references: its n-grams must not become this one's
                String other = suite.get((i + 1) % items).get("candidate").asText();
                ciderD.score(other, image);
                bleu.score(other, image);
                String candidate = suite.get(i).get("candidate").asText();
                JsonNode expected = suite.get(i).get("ptb");
                double ciderDValue = expected.get("ciderD_traindf").asDouble();
                assertEquals(ciderDValue, ciderD.score(candidate, image).value(), 1e-12 * Math.max(1, ciderDValue),
                        "cider_d of item " + i + ", pass " + pass);
                assertEquals(expected.get("bleu_4").asDouble(), bleu.score(candidate, image).value(), 1e-15,
                        "bleu_4 of item " + i + ", pass " + pass);
            }
        }
        assertEquals(items, tokens.stats().misses(), "each image's references tokenised once");
    }

    @Test
    void withoutReferencesEverySignalIsInvalidNotZero() {
        ReferenceContext none = ReferenceContext.of("rsicd", "x", List.of());
        for (Signal signal : List.of(new CiderDSignal(trainDf, TOKENIZER), new Bleu4Signal(TOKENIZER),
                new RougeLSignal(TOKENIZER))) {
            SignalResult result = signal.score("a plane", none);
            assertEquals(Status.INVALID, result.status(), signal.name());
            assertTrue(result.reason().contains("'x'"), result.reason());
        }
    }

    @Test
    void ciderDVersionNamesItsDocumentFrequencies() {
        CiderDSignal signal = new CiderDSignal(trainDf, TOKENIZER);
        assertEquals("cider_d", signal.name());
        assertEquals("cider_d/1 df=8734:" + trainDf.fingerprint(), signal.version());
    }
}
