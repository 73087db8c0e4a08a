package io.scstbus.rewards.signals;

import java.util.List;
import java.util.Map;

/**
 * What a signal may know about the image a candidate describes: the reference captions, the count
 * dictionary (object phrase to count) and, when precomputed, one FACTUAL scene graph per caption.
 */
public record ReferenceContext(
        String dataset,
        String imageId,
        List<String> captions,
        Map<String, Integer> counts,
        List<String> sceneGraphs) {

    public ReferenceContext {
        captions = List.copyOf(captions);
        counts = Map.copyOf(counts);
        sceneGraphs = List.copyOf(sceneGraphs);
    }

    public static ReferenceContext of(String dataset, String imageId, List<String> captions) {
        return new ReferenceContext(dataset, imageId, captions, Map.of(), List.of());
    }
}
