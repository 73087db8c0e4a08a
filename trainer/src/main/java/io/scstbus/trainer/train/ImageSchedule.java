package io.scstbus.trainer.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which training images SCST step s uses: consecutive chunks of a per-pass shuffle, a function of
 * (seed, s) alone, so a resumed run draws the same images for the same step and an image never
 * appears twice in one step (its rollout key would repeat).
 */
final class ImageSchedule {

    private final int images;
    private final int perStep;
    private final long seed;
    private long cachedPass = -1;
    private List<Integer> cachedOrder;

    ImageSchedule(int images, int perStep, long seed) {
        this.images = images;
        this.perStep = Math.min(perStep, images);
        this.seed = seed;
    }

    int perStep() {
        return perStep;
    }

    /** Indices into the training examples for 1-based step {@code step}. */
    List<Integer> indices(long step) {
        long stepsPerPass = images / perStep;
        long pass = (step - 1) / stepsPerPass;
        int offset = (int) ((step - 1) % stepsPerPass) * perStep;
        return order(pass).subList(offset, offset + perStep);
    }

    private List<Integer> order(long pass) {
        if (pass != cachedPass) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed * 0x5DEECE66DL + pass));
            cachedOrder = order;
            cachedPass = pass;
        }
        return cachedOrder;
    }
}
