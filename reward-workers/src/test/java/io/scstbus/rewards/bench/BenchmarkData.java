package io.scstbus.rewards.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.text.Tokenization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 10,000 RSICD items for the metric benchmarks: references = the 5 captions of an image (images in file
 * order, wrapping), candidate = the first caption of the next image of the same scene class. Every
 * caption is PTB-tokenised once up front, as pycocoevalcap tokenises before scoring.
 */
final class BenchmarkData {

    static final int ITEMS = 10_000;

    final List<List<String>> candidates = new ArrayList<>(ITEMS);
    final List<List<List<String>>> references = new ArrayList<>(ITEMS);
    final List<List<String>> rougeCandidates = new ArrayList<>(ITEMS);
    final List<List<List<String>>> rougeReferences = new ArrayList<>(ITEMS);
    /** Raw captions of the first items, for the tokenizer benchmark. */
    final List<String> rawCaptions = new ArrayList<>();

    BenchmarkData() throws IOException {
        JsonNode images = new ObjectMapper().readTree(TestData.data("rsicd/rsicd_5caps.json").toFile()).get("images");
        Map<String, List<JsonNode>> byClass = new LinkedHashMap<>();
        List<JsonNode> all = new ArrayList<>();
        images.forEach(all::add);
        for (JsonNode image : all) {
            byClass.computeIfAbsent(sceneClass(image), key -> new ArrayList<>()).add(image);
        }
        for (int i = 0; i < ITEMS; i++) {
            JsonNode image = all.get(i % all.size());
            List<JsonNode> sameClass = byClass.get(sceneClass(image));
            JsonNode other = sameClass.get((sameClass.indexOf(image) + 1) % sameClass.size());
            CaptionTokens candidate = tokens(other.get("sentences").get(0).get("raw").asText());
            List<CaptionTokens> refs = new ArrayList<>();
            for (JsonNode sentence : image.get("sentences")) {
                refs.add(tokens(sentence.get("raw").asText()));
                if (rawCaptions.size() < ITEMS) {
                    rawCaptions.add(sentence.get("raw").asText());
                }
            }
            candidates.add(candidate.words());
            rougeCandidates.add(candidate.rougeWords());
            references.add(refs.stream().map(CaptionTokens::words).toList());
            rougeReferences.add(refs.stream().map(CaptionTokens::rougeWords).toList());
        }
    }

    private static CaptionTokens tokens(String caption) {
        return CaptionTokens.of(Tokenization.PTB, caption);
    }

    /** {@code airport_12.jpg -> airport}; numeric names have no class and share one bucket. */
    private static String sceneClass(JsonNode image) {
        String name = image.get("filename").asText();
        int underscore = name.indexOf('_');
        return underscore > 0 ? name.substring(0, underscore) : "";
    }
}
