package io.scstbus.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.model.Captioners;
import io.scstbus.trainer.model.ModelConfig;
import io.scstbus.trainer.model.OwnedArrays;
import io.scstbus.trainer.scst.Decoding;
import io.scstbus.trainer.scst.SampledCaptions;
import io.scstbus.trainer.scst.ScstLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SCST phase waits for rewards between sampling (forward) and backward; garbage collections happen
 * in that wait. A tensor of the recorded graph that lives in Java memory would then be read after it
 * was freed: the gradients must not depend on whether a collection ran.
 */
class GcBetweenForwardAndBackwardTest {

    @Test
    void gradientsAreTheSameWithAGarbageCollectionBeforeBackward() {
        float[] quiet = gradients(false);
        float[] collected = gradients(true);
        assertArrayEquals(quiet, collected, 1e-5f);
    }

    private static float[] gradients(boolean collect) {
        ModelConfig config = ModelConfig.tiny();
        try (NDManager base = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            Captioner model = Captioners.create(config, 12, base);
            try (NDManager step = base.newSubManager()) {
                float[] pixels = new float[4 * 3 * config.imageSize() * config.imageSize()];
                SplittableRandom random = new SplittableRandom(3);
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (float) random.nextDouble(-1, 1);
                }
                NDArray images = OwnedArrays.of(step, pixels,
                        new ai.djl.ndarray.types.Shape(4, 3, config.imageSize(), config.imageSize()));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList encoded = model.encode(images, true);
                    SampledCaptions samples = Decoding.sample(model, encoded, 3, 1.0, config.maxLength(),
                            new SplittableRandom(5));
                    double[] advantages = new double[samples.rows()];
                    boolean[] include = new boolean[samples.rows()];
                    for (int i = 0; i < advantages.length; i++) {
                        advantages[i] = (i % 3) - 1.0;
                        include[i] = true;
                    }
                    ScstLoss.Terms terms = ScstLoss.compute(samples, advantages, include, 1e-4);
                    if (collect) {
                        churn();
                    }
                    collector.backward(terms.total());
                }
                List<Float> out = new ArrayList<>();
                for (Pair<String, Parameter> p : model.parameters()) {
                    for (float g : p.getValue().getArray().getGradient().toFloatArray()) {
                        out.add(g);
                    }
                }
                float[] flat = new float[out.size()];
                for (int i = 0; i < flat.length; i++) {
                    flat[i] = out.get(i);
                }
                return flat;
            } finally {
                model.close();
            }
        }
    }

    /** Frees what is unreachable and reuses the memory, like the Kafka clients do during the wait. */
    private static void churn() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            List<java.nio.ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(1 << 16);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                junk.add(b);
            }
        }
    }
}
