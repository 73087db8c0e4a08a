package io.scstbus.trainer.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-image count dictionaries, {@code {"<image id>": {"storage tank": 3}}}: the format the
 * scene-graph tooling and the synthetic generator write.
 */
public final class CountDictionaries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CountDictionaries() {
    }

    public static Map<String, Map<String, Integer>> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("count dictionary file " + file + " does not exist");
        }
        Map<String, Map<String, Integer>> raw;
        try {
            raw = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Map<String, Integer>>>() { });
        } catch (IOException e) {
            throw new IOException("count dictionary file " + file + " is not {\"<image id>\": {\"object\": count}}: "
                    + e.getMessage(), e);
        }
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        raw.forEach((image, counts) -> {
            counts.forEach((object, count) -> {
                if (count == null || count < 0) {
                    throw new IllegalArgumentException("count dictionary " + file + ": image '" + image
                            + "', object '" + object + "' has count " + count + ", must be >= 0");
                }
            });
            out.put(image, Map.copyOf(counts));
        });
        return out;
    }
}
