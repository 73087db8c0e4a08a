package io.scstbus.trainer.synthetic;

import java.util.List;
import java.util.Map;

/**
 * One generated image before it is written: its ids, split, scene, and five reference captions.
 *
 * @param id image id, the file name stem ({@code syn_000042}) and the key in {@code counts.json}
 * @param imgid position in {@code dataset.json}, from 0
 * @param split {@code train}, {@code val} or {@code test}
 */
public record SyntheticSample(String id, int imgid, String split, Scene scene, List<String> captions) {

    public SyntheticSample {
        captions = List.copyOf(captions);
    }

    /** The image file name inside {@code images/}. */
    public String filename() {
        return id + ".png";
    }

    /** The exact count dictionary of the scene. */
    public Map<String, Integer> counts() {
        return scene.counts();
    }
}
