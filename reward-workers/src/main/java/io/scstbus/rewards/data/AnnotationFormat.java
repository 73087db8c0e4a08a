package io.scstbus.rewards.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The caption annotation layouts scst-bus reads. */
public enum AnnotationFormat {
    /** Detect from the file's shape. */
    AUTO,
    /** {@code {"images": [{"filename", "imgid", "split", "sentences": [{"raw"}]}]}} (RSICD, UCM, Karpathy COCO). */
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
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        throw new IllegalArgumentException("not a Karpathy, COCO or LAVIS annotation file: top-level "
                + (root.isObject() ? "keys " + keys : root.getNodeType().toString()));
    }
}
