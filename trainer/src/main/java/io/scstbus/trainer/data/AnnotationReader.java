package io.scstbus.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one annotation file into {@link ImageEntry}s, in file order, one entry per image with all of
 * its captions. An image listed without captions keeps an empty caption list: whether that is an
 * error or a counted skip is the {@link DatasetLoader}'s decision.
 */
public final class AnnotationReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnnotationReader() {
    }

    /**
     * @param forcedSplit the split every entry belongs to, or null to take each entry's own
     *     {@code split} field (entries without one are {@code train})
     */
    public static List<ImageEntry> read(Path file, AnnotationFormat format, String forcedSplit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("annotation file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("annotation file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        AnnotationFormat actual = format == AnnotationFormat.AUTO ? AnnotationFormat.detect(root) : format;
        try {
            return switch (actual) {
                case KARPATHY -> karpathy(root, forcedSplit);
                case COCO -> coco(root, forcedSplit);
                case LAVIS -> lavis(root, forcedSplit);
                case AUTO -> throw new IllegalStateException("unreachable");
            };
        } catch (IllegalArgumentException e) {
            throw new IOException("annotation file " + file + " (" + actual + "): " + e.getMessage(), e);
        }
    }

    /** The {@code dataset} field of a Karpathy file, or null. */
    public static String datasetName(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        return root.isObject() && root.path("dataset").isTextual() ? root.get("dataset").asText() : null;
    }

    static List<ImageEntry> karpathy(JsonNode root, String forcedSplit) {
        List<ImageEntry> out = new ArrayList<>();
        int index = 0;
        for (JsonNode image : required(root, "images", "top level")) {
            String where = "images[" + index++ + "]";
            String filename = text(image, "filename", where);
            String folder = image.path("filepath").asText("");
            String relative = folder.isEmpty() ? filename : folder + "/" + filename;
            List<String> captions = new ArrayList<>();
            for (JsonNode sentence : image.path("sentences")) {
                if (sentence.has("raw")) {
                    captions.add(sentence.get("raw").asText());
                } else if (sentence.has("tokens")) {
                    List<String> tokens = new ArrayList<>();
                    sentence.get("tokens").forEach(t -> tokens.add(t.asText()));
                    captions.add(String.join(" ", tokens));
                }
            }
            String split = forcedSplit != null ? forcedSplit : image.path("split").asText("train");
            out.add(new ImageEntry(ImageEntry.idOf(filename), relative, split, captions));
        }
        return out;
    }

    static List<ImageEntry> coco(JsonNode root, String forcedSplit) {
        Map<String, ImageEntry> byCocoId = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode image : required(root, "images", "top level")) {
            String where = "images[" + index++ + "]";
            String file = text(image, "file_name", where);
            String split = forcedSplit != null ? forcedSplit : image.path("split").asText("train");
            byCocoId.put(text(image, "id", where), new ImageEntry(ImageEntry.idOf(file), file, split, List.of()));
        }
        index = 0;
        for (JsonNode annotation : required(root, "annotations", "top level")) {
            String where = "annotations[" + index++ + "]";
            String cocoId = text(annotation, "image_id", where);
            ImageEntry entry = byCocoId.get(cocoId);
            if (entry == null) {
                throw new IllegalArgumentException(where + " refers to image_id " + cocoId + ", which images does not list");
            }
            byCocoId.put(cocoId, entry.withCaptions(List.of(text(annotation, "caption", where))));
        }
        return new ArrayList<>(byCocoId.values());
    }

    static List<ImageEntry> lavis(JsonNode root, String forcedSplit) {
        Map<String, ImageEntry> byId = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode item : root) {
            String where = "[" + index++ + "]";
            String file = text(item, "image", where);
            String id = ImageEntry.idOf(file);
            List<String> captions = new ArrayList<>();
            JsonNode caption = item.path("caption");
            if (caption.isArray()) {
                caption.forEach(c -> captions.add(c.asText()));
            } else if (caption.isTextual()) {
                captions.add(caption.asText());
            }
            String split = forcedSplit != null ? forcedSplit : item.path("split").asText("train");
            ImageEntry previous = byId.get(id);
            byId.put(id, previous == null ? new ImageEntry(id, file, split, captions) : previous.withCaptions(captions));
        }
        return new ArrayList<>(byId.values());
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(where + " has no array '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new IllegalArgumentException(where + " has no '" + field + "'");
        }
        return value.asText();
    }
}
