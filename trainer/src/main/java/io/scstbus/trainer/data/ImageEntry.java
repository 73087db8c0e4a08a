package io.scstbus.trainer.data;

import java.util.List;
import java.util.Objects;

/**
 * One image as an annotation file lists it: its id (the file name without extension), its path
 * relative to the image folder, its split and its raw reference captions.
 */
public record ImageEntry(String imageId, String relativePath, String split, List<String> captions) {

    public ImageEntry {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(split, "split");
        captions = List.copyOf(captions);
    }

    /** {@code images/airport_1.jpg} to {@code airport_1}. */
    public static String idOf(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    ImageEntry withCaptions(List<String> more) {
        List<String> all = new java.util.ArrayList<>(captions);
        all.addAll(more);
        return new ImageEntry(imageId, relativePath, split, all);
    }
}
