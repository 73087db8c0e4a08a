package io.scstbus.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset.json has UCM's Karpathy schema, so the trainer reads it with the same reader. */
class DatasetSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SyntheticConfig CONFIG = SyntheticConfig.defaults().withImages(100);

    @TempDir
    Path tmp;

    private JsonNode synthetic;

    @BeforeEach
    void generate() throws IOException {
        new SyntheticDatasetWriter(2).write(CONFIG, tmp, false, SyntheticDatasetWriter.Progress.NONE);
        synthetic = JSON.readTree(tmp.resolve("dataset.json").toFile());
    }

    private static JsonNode ucm() throws IOException {
        Path testData = Path.of(System.getProperty("scstbus.testdata", "../testdata")).toAbsolutePath().normalize();
        Path ucm = testData.resolve("ucm/dataset.json");
        assertTrue(Files.isRegularFile(ucm), "UCM dataset.json not found at " + ucm);
        return JSON.readTree(ucm.toFile());
    }

    /** Field name to JSON node type, for every field of the node. */
    private static Map<String, String> shape(JsonNode node) {
        Map<String, String> shape = new TreeMap<>();
        node.properties().forEach(e -> shape.put(e.getKey(), e.getValue().getNodeType().name()));
        return shape;
    }

    @Test
    void keysAndValueTypesMatchUcmAtEveryLevel() throws IOException {
        JsonNode ucm = ucm();
        assertEquals(shape(ucm), shape(synthetic), "top level");
        JsonNode ucmImage = ucm.get("images").get(0);
        for (JsonNode image : synthetic.get("images")) {
            assertEquals(shape(ucmImage), shape(image), "image");
            for (JsonNode sentence : image.get("sentences")) {
                assertEquals(shape(ucmImage.get("sentences").get(0)), shape(sentence), "sentence");
                assertTrue(sentence.get("tokens").get(0).isTextual());
            }
        }
    }

    @Test
    void idsAreConsistentAndTokensAreTheWordsOfTheCaption() {
        int sentid = 0;
        int imgid = 0;
        for (JsonNode image : synthetic.get("images")) {
            assertEquals(imgid, image.get("imgid").asInt());
            assertEquals(String.format("syn_%06d.png", imgid), image.get("filename").asText());
            assertTrue(Files.isRegularFile(tmp.resolve("images").resolve(image.get("filename").asText())));
            assertEquals(5, image.get("sentences").size());
            for (int k = 0; k < 5; k++) {
                JsonNode sentence = image.get("sentences").get(k);
                assertEquals(sentid, sentence.get("sentid").asInt());
                assertEquals(sentid, image.get("sentids").get(k).asInt());
                assertEquals(imgid, sentence.get("imgid").asInt());
                var tokens = new ArrayList<String>();
                sentence.get("tokens").forEach(t -> tokens.add(t.asText()));
                String raw = sentence.get("raw").asText();
                assertEquals(raw.replace(",", "").replace(" .", ""), String.join(" ", tokens));
                sentid++;
            }
            imgid++;
        }
    }

    @Test
    void splitsFollowTheConfiguredFractions() {
        Map<String, Integer> splits = new TreeMap<>();
        synthetic.get("images").forEach(image -> splits.merge(image.get("split").asText(), 1, Integer::sum));
        assertEquals(Map.of("train", 80, "val", 10, "test", 10), splits);
    }

    @Test
    void countsJsonHasAnEntryPerImageKeyedByFileStem() throws IOException {
        JsonNode counts = JSON.readTree(tmp.resolve("counts.json").toFile());
        assertEquals(CONFIG.images(), counts.size());
        for (JsonNode image : synthetic.get("images")) {
            String id = image.get("filename").asText().replace(".png", "");
            JsonNode entry = counts.get(id);
            assertTrue(entry != null && entry.size() > 0, id);
            entry.properties().forEach(e -> {
                assertTrue(ObjectKind.fromPhrase(e.getKey()) != null, e.getKey());
                assertEquals(e.getKey(), ObjectKind.fromPhrase(e.getKey()).lemma(), "singular lemma keys");
                assertTrue(e.getValue().isInt() && e.getValue().asInt() >= 1);
            });
        }
    }
}
