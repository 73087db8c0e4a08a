package io.scstbus.trainer.synthetic;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one synthetic image shows: its ground, an optional quay (water scenes only), the objects, and
 * the seed of the ground texture. Image, captions and counts are all derived from this.
 *
 * @param id the image id: file name stem and key of the count dictionary
 * @param size width and height of the image in pixels
 * @param shore the quay of a water scene, or {@code null}
 * @param textureSeed seed of the ground texture and sensor noise
 */
public record Scene(String id, int size, Background background, Shore shore, List<SceneObject> objects,
        long textureSeed) {

    public Scene {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a scene needs an id");
        }
        if (size < 16) {
            throw new IllegalArgumentException("scene " + id + ": size must be at least 16 pixels, got " + size);
        }
        if (shore != null && background != Background.WATER) {
            throw new IllegalArgumentException("scene " + id + ": only water scenes have a shore");
        }
        objects = List.copyOf(objects);
    }

    /** Pixels per unit of the 64-pixel reference size in which object sizes are designed. */
    public double scale() {
        return size / 64.0;
    }

    /** Number of objects per kind, only kinds present, in {@link ObjectKind} order. */
    public Map<ObjectKind, Integer> countsByKind() {
        Map<ObjectKind, Integer> counts = new EnumMap<>(ObjectKind.class);
        for (SceneObject object : objects) {
            counts.merge(object.kind(), 1, Integer::sum);
        }
        return counts;
    }

    /** The count dictionary: {@code {"storage tank": 3, "tree": 5}}, in {@link ObjectKind} order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        countsByKind().forEach((kind, n) -> counts.put(kind.lemma(), n));
        return counts;
    }

    /** The tone shared by all objects of {@code kind}, or {@code null} if the kind is absent. */
    public Tone toneOf(ObjectKind kind) {
        for (SceneObject object : objects) {
            if (object.kind() == kind) {
                return object.tone();
            }
        }
        return null;
    }

    /** Scene without one object: tests check that only that object's pixels change. */
    public Scene without(SceneObject removed) {
        List<SceneObject> rest = objects.stream().filter(o -> o != removed).toList();
        return new Scene(id, size, background, shore, rest, textureSeed);
    }
}
