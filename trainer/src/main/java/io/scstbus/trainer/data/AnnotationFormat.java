package io.scstbus.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;

/** The annotation layouts the trainer reads. */
public enum AnnotationFormat {
    /** Detect from the file's shape. */
    AUTO,
    /** {@code {"images": [{"filename", "split", "sentences": [{"raw"}]}]}} (RSICD, UCM, Karpathy COCO). */
    KARPATHY,
    /** {@code {"images": [{"id", "file_name"}], "annotations": [{"image_id", "caption"}]}}. */
    COCO,
    /** {@code [{"image": "x.jpg", "caption": "..." | [...], "image_id"?, "split"?}]} (LAVIS). */
    LAVIS;

    /** The concrete format of a parsed file; never AUTO. */
    public static AnnotationFormat detect(JsonNode root) {
        if (root.isArray()) {
            return LAVIS;
        }
        if (root.has("annotations")) {
            return COCO;
        }
        if (root.has("images")) {
            return KARPATHY;
        }
        throw new IllegalArgumentException("not a Karpathy, COCO or LAVIS annotation file: top-level "
                + (root.isObject() ? "keys " + iterable(root.fieldNames()) : root.getNodeType().toString()));
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> it) {
        java.util.List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
