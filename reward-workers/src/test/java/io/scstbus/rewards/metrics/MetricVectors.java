package io.scstbus.rewards.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.text.Tokenization;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * testdata/metrics/vectors.json: reference values of the canonical Python code, and the train
 * document-frequency tables they were computed with (rebuilt from rsicd_5caps.json by the README's rule).
 */
final class MetricVectors {

    static final String EOS = "<eos>";

    private static JsonNode root;
    private static JsonNode rsicd;
    private static final Map<String, CorpusStats> TRAIN_DF = new ConcurrentHashMap<>();

    private MetricVectors() {
    }

    /** One item of a suite, in one tokenisation mode. */
    record Case(String suite, int index, String id, String candidate, List<String> references,
                Tokenization mode, JsonNode expected) {

        /** The expected block of this mode: {@code ptb} or {@code raw}. */
        static String modeKey(Tokenization mode) {
            return mode == Tokenization.PTB ? "ptb" : "raw";
        }

        @Override
        public String toString() {
            return id + " [" + modeKey(mode) + "]";
        }
    }

    static synchronized JsonNode root() {
        if (root == null) {
            root = read("metrics/vectors.json");
        }
        return root;
    }

    private static JsonNode read(String relative) {
        try {
            return new ObjectMapper().readTree(TestData.data(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> suites() {
        List<String> suites = new ArrayList<>();
        root().get("suites").fieldNames().forEachRemaining(suites::add);
        return suites;
    }

    static List<Case> cases(String suite, Tokenization mode) {
        List<Case> cases = new ArrayList<>();
        JsonNode items = root().get("suites").get(suite).get("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            List<String> references = new ArrayList<>();
            item.get("references").forEach(reference -> references.add(reference.asText()));
            cases.add(new Case(suite, i, item.get("id").asText(), item.get("candidate").asText(), references,
                    mode, item.get(Case.modeKey(mode))));
        }
        return cases;
    }

    /** Every item of every suite in both modes. */
    static Stream<Arguments> allCases() {
        return Stream.of(Tokenization.PTB, Tokenization.NONE)
                .flatMap(mode -> suites().stream().flatMap(suite -> cases(suite, mode).stream()))
                .map(Arguments::of);
    }

    /** Every suite in both modes. */
    static Stream<Arguments> allSuites() {
        return Stream.of(Tokenization.PTB, Tokenization.NONE)
                .flatMap(mode -> suites().stream().map(suite -> Arguments.of(suite, mode)));
    }

    static JsonNode corpus(String suite, Tokenization mode) {
        return root().get("suites").get(suite).get("corpus").get(Case.modeKey(mode));
    }

    /**
     * The train table of vectors.json: RSICD train images, one document each, of {@code sentences[0]}
     * only; with {@code eos}, the token {@code <eos>} ends every sentence.
     */
    static CorpusStats trainDf(Tokenization mode, boolean eos) {
        return TRAIN_DF.computeIfAbsent(mode + "/" + eos, key -> {
            CorpusStats.Builder builder = CorpusStats.builder();
            for (JsonNode image : rsicd().get("images")) {
                if (image.get("split").asText().equals("train")) {
                    String text = image.get("sentences").get(0).get("raw").asText();
                    builder.addDocument(List.of(words(mode.apply(text), eos)));
                }
            }
            return builder.build();
        });
    }

    static synchronized JsonNode rsicd() {
        if (rsicd == null) {
            rsicd = read("rsicd/rsicd_5caps.json");
        }
        return rsicd;
    }

    /** Python {@code str.split()} of a scorer text, with {@code <eos>} appended when asked. */
    static List<String> words(String scorerText, boolean eos) {
        List<String> words = new ArrayList<>(WhitespaceTokenizer.split(scorerText));
        if (eos) {
            words.add(EOS);
        }
        return words;
    }

    /** Asserts {@code actual} is within {@code relative} of {@code expected}; 0 must be exactly 0. */
    static void assertClose(double expected, double actual, double relative, String what) {
        double tolerance = relative * Math.abs(expected);
        if (!(Math.abs(expected - actual) <= tolerance)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual + " (relative error "
                    + Math.abs(expected - actual) / Math.abs(expected) + ", tolerance " + relative + ")");
        }
    }
}
