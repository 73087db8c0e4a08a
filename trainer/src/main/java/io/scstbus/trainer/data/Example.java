package io.scstbus.trainer.data;

import java.util.List;
import java.util.Map;

/**
 * One loaded image: its pixels (channel-first RGB bytes), its references (raw and normalised
 * by {@link CaptionText}) and its count dictionary.
 */
public record Example(String imageId, String split, byte[] pixels, List<String> rawCaptions,
                      List<String> captions, Map<String, Integer> counts) {

    public Example {
        rawCaptions = List.copyOf(rawCaptions);
        captions = List.copyOf(captions);
        counts = Map.copyOf(counts);
    }

    /** Normalised captions with at least one word: the ones cross-entropy trains on. */
    public List<String> trainableCaptions() {
        return captions.stream().filter(c -> !c.isEmpty()).toList();
    }
}
