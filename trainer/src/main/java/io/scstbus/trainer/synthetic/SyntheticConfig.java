package io.scstbus.trainer.synthetic;

/**
 * What to generate: how many images, from which seed, how large, and which share goes to val and test.
 * Validated here, so a bad value fails with its name and the allowed range.
 *
 * @param images number of images, at least 1
 * @param seed the seed everything derives from; the same seed gives byte-identical output
 * @param size width and height of each image in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @param valFraction share of images in the val split, 0 to below 1
 * @param testFraction share of images in the test split, 0 to below 1; with val, below 1
 */
public record SyntheticConfig(int images, long seed, int size, double valFraction, double testFraction) {

    public static final int DEFAULT_IMAGES = 2000;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_SIZE = 64;
    public static final double DEFAULT_VAL_FRACTION = 0.1;
    public static final double DEFAULT_TEST_FRACTION = 0.1;
    public static final int MIN_SIZE = 32;
    public static final int MAX_SIZE = 512;

    public SyntheticConfig {
        if (images < 1) {
            throw new IllegalArgumentException("images must be at least 1, got " + images);
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between " + MIN_SIZE + " and " + MAX_SIZE
                    + " pixels, got " + size);
        }
        checkFraction("val fraction", valFraction);
        checkFraction("test fraction", testFraction);
        if (valFraction + testFraction >= 1) {
            throw new IllegalArgumentException("val fraction + test fraction must be below 1 to leave training "
                    + "images, got " + valFraction + " + " + testFraction);
        }
    }

    /** The defaults: 2,000 images of 64x64 from seed 1, split 80/10/10. */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(DEFAULT_IMAGES, DEFAULT_SEED, DEFAULT_SIZE, DEFAULT_VAL_FRACTION,
                DEFAULT_TEST_FRACTION);
    }

    public SyntheticConfig withImages(int n) {
        return new SyntheticConfig(n, seed, size, valFraction, testFraction);
    }

    public SyntheticConfig withSeed(long s) {
        return new SyntheticConfig(images, s, size, valFraction, testFraction);
    }

    public SyntheticConfig withSize(int px) {
        return new SyntheticConfig(images, seed, px, valFraction, testFraction);
    }

    /** Images in the val split: the fraction of all images, rounded. */
    public int valImages() {
        return (int) Math.round(images * valFraction);
    }

    /** Images in the test split: the fraction of all images, rounded, never eating the last train image. */
    public int testImages() {
        return Math.min((int) Math.round(images * testFraction), images - valImages() - 1);
    }

    public int trainImages() {
        return images - valImages() - testImages();
    }

    private static void checkFraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }
}
