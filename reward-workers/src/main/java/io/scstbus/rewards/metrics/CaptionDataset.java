package io.scstbus.rewards.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reference captions per image, read from a Karpathy-style {@code dataset.json}
 * ({@code {"images": [{"imgid", "cocoid"?, "filename", "split", "sentences": [{"raw", "tokens"}]}]}})
 * or a COCO caption annotation file ({@code {"images": [{"id"}], "annotations": [{"image_id",
 * "caption"}]}}). Immutable.
 */
public record CaptionDataset(String name, List<Image> images) {

    /** Split name that selects every image. */
    public static final String ALL = "all";

    /**
     * One image: its id (Karpathy {@code cocoid} if present, else {@code imgid}; COCO {@code id}), its
     * file name (may be empty), split (empty for COCO files) and captions in file order.
     */
    public record Image(String id, String filename, String split, List<String> captions) {
        public Image {
            captions = List.copyOf(captions);
        }

        /** Whether {@code key} names this image: its id, file name, or file name without extension. */
        public boolean isNamed(String key) {
            if (key.equals(id) || (!filename.isEmpty() && key.equals(filename))) {
                return true;
            }
            int dot = filename.lastIndexOf('.');
            return dot > 0 && key.equals(filename.substring(0, dot));
        }
    }

    public CaptionDataset {
        images = List.copyOf(images);
    }

    public static CaptionDataset read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject() || !root.path("images").isArray()) {
            throw new IOException(file + ": expected a Karpathy dataset.json or COCO caption annotations "
                    + "(an object with an \"images\" array)");
        }
        String name = root.path("dataset").asText(file.getFileName().toString());
        return root.has("annotations") ? readCoco(name, root, file) : readKarpathy(name, root, file);
    }

    private static CaptionDataset readKarpathy(String name, JsonNode root, Path file) throws IOException {
        List<Image> images = new ArrayList<>();
        int index = 0;
        for (JsonNode image : root.get("images")) {
            JsonNode sentences = image.path("sentences");
            if (!sentences.isArray()) {
                throw new IOException(file + ": images[" + index + "] has no \"sentences\" array");
            }
            List<String> captions = new ArrayList<>();
            for (JsonNode sentence : sentences) {
                captions.add(sentence.has("raw") ? sentence.get("raw").asText() : joinTokens(sentence.path("tokens")));
            }
            String id = image.has("cocoid") ? image.get("cocoid").asText()
                    : image.has("imgid") ? image.get("imgid").asText() : image.path("filename").asText();
            images.add(new Image(id, image.path("filename").asText(""), image.path("split").asText(""), captions));
            index++;
        }
        return new CaptionDataset(name, images);
    }

    private static String joinTokens(JsonNode tokens) {
        List<String> words = new ArrayList<>();
        tokens.forEach(token -> words.add(token.asText()));
        return String.join(" ", words);
    }

    private static CaptionDataset readCoco(String name, JsonNode root, Path file) throws IOException {
        Map<String, String> filenames = new LinkedHashMap<>();
        for (JsonNode image : root.get("images")) {
            filenames.put(image.path("id").asText(), image.path("file_name").asText(""));
        }
        Map<String, List<String>> captions = new LinkedHashMap<>();
        filenames.keySet().forEach(id -> captions.put(id, new ArrayList<>()));
        int index = 0;
        for (JsonNode annotation : root.path("annotations")) {
            if (!annotation.has("image_id") || !annotation.path("caption").isTextual()) {
                throw new IOException(file + ": annotations[" + index
                        + "] needs \"image_id\" and a \"caption\" string");
            }
            captions.computeIfAbsent(annotation.get("image_id").asText(), id -> new ArrayList<>())
                    .add(annotation.get("caption").asText());
            index++;
        }
        List<Image> images = new ArrayList<>();
        captions.forEach((id, list) -> images.add(new Image(id, filenames.getOrDefault(id, ""), "", list)));
        return new CaptionDataset(name, images);
    }

    /**
     * The images of a split, as self-critical's {@code prepro_ngrams.py} selects them: {@code train}
     * includes Karpathy's {@code restval}; {@value #ALL} selects everything. A COCO file carries no split,
     * so every image is selected whatever the split.
     */
    public List<Image> images(String split) {
        String wanted = split.toLowerCase(Locale.ROOT);
        List<Image> selected = new ArrayList<>();
        for (Image image : images) {
            if (wanted.equals(ALL) || image.split().isEmpty() || image.split().equals(wanted)
                    || (wanted.equals("train") && image.split().equals("restval"))) {
                selected.add(image);
            }
        }
        return selected;
    }
}
