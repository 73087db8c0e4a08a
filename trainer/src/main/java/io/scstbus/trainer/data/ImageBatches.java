package io.scstbus.trainer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.scstbus.trainer.model.OwnedArrays;
import java.util.List;

/** Stacks examples' pixels into one (B, 3, S, S) float array in [-1, 1]. */
public final class ImageBatches {

    private ImageBatches() {
    }

    public static NDArray stack(NDManager manager, List<Example> examples, int imageSize) {
        int plane = 3 * imageSize * imageSize;
        float[] all = new float[examples.size() * plane];
        for (int i = 0; i < examples.size(); i++) {
            byte[] pixels = examples.get(i).pixels();
            if (pixels.length != plane) {
                throw new IllegalArgumentException("image '" + examples.get(i).imageId() + "' has " + pixels.length
                        + " values, expected " + plane + " for size " + imageSize);
            }
            for (int j = 0; j < plane; j++) {
                all[i * plane + j] = (pixels[j] & 0xFF) / 127.5f - 1f;
            }
        }
        return OwnedArrays.of(manager, all, new Shape(examples.size(), 3, imageSize, imageSize));
    }
}
