package io.scstbus.rewards.data;

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
 * The one reader of caption annotation files (Karpathy {@code dataset.json}, COCO, LAVIS): one
 * {@link ImageEntry} per image with all of its captions, in file order. An image listed without
 * captions keeps an empty list: whether that is an error or a counted skip is the caller's decision.
 */
public final class AnnotationReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnnotationReader() {
    }

    /**
     * @param forcedSplit the split every entry belongs to, or null to take each entry's own
     *     {@code split} field (empty where it has none)
     */
    public static List<ImageEntry> read(Path file, AnnotationFormat format, String forcedSplit) throws IOException {
        JsonNode root = parse(file);
        AnnotationFormat actual;
        try {
            actual = format == AnnotationFormat.AUTO ? AnnotationFormat.detect(root) : format;
        } catch (IllegalArgumentException e) {
            throw new IOException("annotation file " + file + ": " + e.getMessage(), e);
        }
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
        JsonNode root = parse(file);
        return root.isObject() && root.path("dataset").isTextual() ? root.get("dataset").asText() : null;
    }

    private static JsonNode parse(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("annotation file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("annotation file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException("annotation file " + file + " is empty");
        }
        return root;
    }

    private static List<ImageEntry> karpathy(JsonNode root, String forcedSplit) {
        List<ImageEntry> out = new ArrayList<>();
        int index = 0;
        for (JsonNode image : required(root, "images", "top level")) {
            String where = "images[" + index++ + "]";
            Map<String, String> ids = fileIds(image, "cocoid", "imgid");
            String filename = image.path("filename").asText("");
            if (filename.isEmpty() && ids.isEmpty()) {
                throw new IllegalArgumentException(where + " has no 'filename', 'imgid' or 'cocoid'");
            }
            String folder = image.path("filepath").asText("");
            String relative = folder.isEmpty() || filename.isEmpty() ? filename : folder + "/" + filename;
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
            String id = filename.isEmpty() ? ids.values().iterator().next() : ImageEntry.idOf(filename);
            out.add(new ImageEntry(id, ids, relative, split(image, forcedSplit), captions));
        }
        return out;
    }

    private static List<ImageEntry> coco(JsonNode root, String forcedSplit) {
        Map<String, ImageEntry> byCocoId = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode image : required(root, "images", "top level")) {
            String where = "images[" + index++ + "]";
            String cocoId = text(image, "id", where);
            String file = image.path("file_name").asText("");
            String id = file.isEmpty() ? cocoId : ImageEntry.idOf(file);
            byCocoId.put(cocoId, new ImageEntry(id, Map.of("id", cocoId), file, split(image, forcedSplit), List.of()));
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

    private static List<ImageEntry> lavis(JsonNode root, String forcedSplit) {
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
            ImageEntry previous = byId.get(id);
            byId.put(id, previous == null
                    ? new ImageEntry(id, fileIds(item, "image_id"), file, split(item, forcedSplit), captions)
                    : previous.withCaptions(captions));
        }
        return new ArrayList<>(byId.values());
    }

    private static String split(JsonNode node, String forcedSplit) {
        return forcedSplit != null ? forcedSplit : node.path("split").asText("");
    }

    /** The id fields among {@code fields} that {@code node} has, as text, in that order. */
    private static Map<String, String> fileIds(JsonNode node, String... fields) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String field : fields) {
            if (node.path(field).isValueNode() && !node.path(field).isNull()) {
                ids.put(field, node.get(field).asText());
            }
        }
        return ids;
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
