package io.scstbus.rewards.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One image as an annotation file lists it.
 *
 * <p>{@code imageId} is the file name without extension ({@code airport_1}): the id rollouts,
 * references and count dictionaries use everywhere in scst-bus, whatever the file's layout.
 * {@code fileIds} keeps the ids the file itself gives the image, by field name ({@code imgid},
 * {@code cocoid}, COCO {@code id}, LAVIS {@code image_id}), so results keyed by those still match.
 * {@code split} is empty when the file gives none and none was imposed.
 */
public record ImageEntry(String imageId, Map<String, String> fileIds, String relativePath, String split,
                         List<String> captions) {

    public ImageEntry {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(split, "split");
        fileIds = Map.copyOf(fileIds);
        captions = List.copyOf(captions);
    }

    /** {@code images/airport_1.jpg} to {@code airport_1}. */
    public static String idOf(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The names this image answers to: its id, the file's own ids, its path and its file name. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(imageId);
        names.addAll(fileIds.values());
        String path = relativePath.replace('\\', '/');
        if (!path.isEmpty()) {
            names.add(path);
            names.add(path.substring(path.lastIndexOf('/') + 1));
        }
        return names;
    }

    /** This entry in {@code split} if the file gave it none. */
    public ImageEntry withDefaultSplit(String split) {
        return this.split.isEmpty() ? new ImageEntry(imageId, fileIds, relativePath, split, captions) : this;
    }

    /** This entry with {@code more} captions after its own (an image listed twice). */
    public ImageEntry withCaptions(List<String> more) {
        List<String> all = new ArrayList<>(captions);
        all.addAll(more);
        return new ImageEntry(imageId, fileIds, relativePath, split, all);
    }
}
