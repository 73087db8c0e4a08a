package io.scstbus.trainer.synthetic;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the samples of a synthetic dataset. Each image has its own seed derived from the
 * configured seed and its index, so any image can be generated alone, in any order or in parallel,
 * and always comes out the same. Splits are contiguous blocks: train first, then val, then test;
 * images are independent draws, so a block is as random as a shuffle.
 */
public final class SyntheticGenerator {

    private static final long CAPTION_SALT = 0x5CA7_C0DE_1234_5678L;

    private final SyntheticConfig config;
    private final SceneSampler sampler = new SceneSampler();
    private final CaptionWriter captions = new CaptionWriter();
    private final SceneRenderer renderer = new SceneRenderer();

    public SyntheticGenerator(SyntheticConfig config) {
        this.config = config;
    }

    public SyntheticConfig config() {
        return config;
    }

    /** The image at {@code index} (0-based): ids, split, scene and captions. Thread-safe. */
    public SyntheticSample sample(int index) {
        if (index < 0 || index >= config.images()) {
            throw new IndexOutOfBoundsException("image index " + index + " outside 0.." + (config.images() - 1));
        }
        long imageSeed = mix(config.seed() + (index + 1L) * 0x9E37_79B9_7F4A_7C15L);
        String id = String.format(Locale.ROOT, "syn_%06d", index);
        Scene scene = sampler.sample(id, config.size(), new Random(imageSeed));
        var text = captions.write(scene, new Random(mix(imageSeed ^ CAPTION_SALT)));
        return new SyntheticSample(id, index, split(index), scene, text);
    }

    /** The pixels of a sample. Thread-safe. */
    public BufferedImage render(SyntheticSample sample) {
        return renderer.render(sample.scene());
    }

    /** {@code train}, {@code val} or {@code test} for the image at {@code index}. */
    public String split(int index) {
        if (index < config.trainImages()) {
            return "train";
        }
        return index < config.trainImages() + config.valImages() ? "val" : "test";
    }

    /** SplitMix64's finaliser: spreads nearby seeds over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
