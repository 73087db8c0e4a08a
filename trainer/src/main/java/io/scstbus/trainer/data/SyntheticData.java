package io.scstbus.trainer.data;

/**
 * Asks for the synthetic remote-sensing dataset to be generated into {@link DataConfig#root()} before
 * training when its annotation file is absent: {@code images} images from {@code seed}. The generator
 * lives in {@code io.scstbus.trainer.synthetic}; {@link io.scstbus.trainer.train.DataPreparer} is the
 * hook that runs it.
 */
public record SyntheticData(int images, long seed) {

    public SyntheticData {
        if (images < 2 || images > 1_000_000) {
            throw new IllegalArgumentException("data.synthetic.images must be in [2, 1000000], got " + images);
        }
    }
}
