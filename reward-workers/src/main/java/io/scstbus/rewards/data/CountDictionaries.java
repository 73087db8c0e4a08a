package io.scstbus.rewards.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-image count dictionaries, {@code {"<image id>": {"storage tank": 3}}}: one JSON object, or JSON
 * Lines of such objects as {@code reward-worker build-counts} and the synthetic generator write them.
 */
public final class CountDictionaries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CountDictionaries() {
    }

    /** Image id to object lemma to count (>= 0), in file order. */
    public static Map<String, Map<String, Integer>> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("count dictionary file " + file + " does not exist");
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> objects = JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (objects.hasNext()) {
                JsonNode object = objects.next();
                if (!object.isObject()) {
                    throw new IOException("count dictionary file " + file
                            + ": expected {\"<image id>\": {\"object\": count}}, got " + object.getNodeType());
                }
                for (Map.Entry<String, JsonNode> image : object.properties()) {
                    out.put(image.getKey(), counts(file, image.getKey(), image.getValue()));
                }
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("count dictionary file") ? e
                    : new IOException("count dictionary file " + file + " is not {\"<image id>\": {\"object\": count}}: "
                            + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, Integer> counts(Path file, String image, JsonNode dictionary) throws IOException {
        if (!dictionary.isObject()) {
            throw new IOException("count dictionary file " + file + ": image '" + image
                    + "' has " + dictionary.getNodeType() + ", expected {\"object\": count}");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> c : dictionary.properties()) {
            JsonNode count = c.getValue();
            if (!count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 0) {
                throw new IOException("count dictionary file " + file + ": image '" + image + "', object '"
                        + c.getKey() + "' has count " + count + ", expected an integer >= 0");
            }
            counts.put(c.getKey(), count.asInt());
        }
        return counts;
    }
}
