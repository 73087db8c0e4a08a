package io.scstbus.trainer.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scstbus.rewards.data.AnnotationFormat;
import java.util.Objects;

/**
 * One annotation file to read. {@code split}, when set, puts every image of the file in that split
 * (a COCO/LAVIS file per split); when null each entry's own {@code split} field decides (Karpathy).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnnotationFile(String path, AnnotationFormat format, String split) {

    public AnnotationFile {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data.annotations[].path must be set, got " + path);
        }
        format = Objects.requireNonNullElse(format, AnnotationFormat.AUTO);
    }

    public static AnnotationFile of(String path) {
        return new AnnotationFile(path, AnnotationFormat.AUTO, null);
    }
}
