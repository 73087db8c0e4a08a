package io.scstbus.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model factory: each encoder and decoder the config names, built and consistent. */
class CaptionersTest {

    private static final int VOCAB = 20;

    private static ModelConfig small(String encoder, String decoder) {
        return new ModelConfig(64, List.of(8, 16), 16, 32, 16, 6, 1, encoder, false, 1.0, "memory", decoder, 2, 4);
    }

    static NDArray images(NDManager manager, int batch, int size, long seed) {
        float[] pixels = new float[batch * 3 * size * size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble(-1, 1);
        }
        return OwnedArrays.of(manager, pixels, new Shape(batch, 3, size, size));
    }

    @Test
    void transformerStepsGiveTheTeacherForcedLogits() {
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(small("cnn", "transformer"), VOCAB, base)) {
            NDManager m = base.newSubManager();
            NDList encoded = model.encode(images(m, 2, 64, 1), false);
            NDArray inputs = OwnedArrays.of(m, new long[] {1, 5, 7, 9, 1, 6, 6, 2}).reshape(2, 4);
            NDArray forced = model.teacherForced(images(m, 2, 64, 1), inputs, false);
            NDList state = model.initialState(encoded, false);
            NDList steps = new NDList();
            for (int t = 0; t < 4; t++) {
                DecoderStep out = model.step(encoded, state, inputs.get(new NDIndex(":, {}", t)), false);
                steps.add(out.logits());
                state = out.state();
            }
            assertArrayEquals(forced.toFloatArray(), NDArrays.stack(steps, 1).toFloatArray(), 1e-4f);
            m.close();
        }
    }

    @Test
    void resnetEncoderGivesOneRegionPerThirtyTwoPixels() {
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(small("resnet18", "lstm"), VOCAB, base)) {
            NDManager m = base.newSubManager();
            assertEquals(new Shape(2, 4, 512), model.features(images(m, 2, 64, 1), false).getShape());
            m.close();
        }
    }

    @Test
    void largePresetIsARealisticCaptioner() {
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(ModelConfig.large(), 2000, base)) {
            long parameters = Captioners.parameterCount(model);
            assertTrue(parameters > 40_000_000 && parameters < 80_000_000, "large has " + parameters + " parameters");
        }
    }

    @Test
    void frozenEncoderIsLeftOutOfTrainingAndComputedOncePerImage() {
        ModelConfig config = small("resnet18", "lstm").withEncoder("resnet18", true);
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(config, VOCAB, base)) {
            assertTrue(model.parameters().keys().stream().noneMatch(k -> k.startsWith("encoder.")));
            NDManager m = base.newSubManager();
            NDArray first = model.encode(images(m, 3, 64, 1), false).get(0);
            NDArray again = model.encode(images(m, 3, 64, 1), false).get(0);
            assertEquals(3, model.featureCache().misses());
            assertEquals(3, model.featureCache().hits());
            assertArrayEquals(first.toFloatArray(), again.toFloatArray(), 1e-6f);
            m.close();
        }
    }

    @Test
    void unfrozenResnetEncoderGetsGradientsFromTheCaptionLoss() {
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(small("resnet18", "lstm"), VOCAB, base)) {
            NDManager m = base.newSubManager();
            NDArray inputs = OwnedArrays.of(m, new long[] {1, 5, 7, 9, 1, 6, 6, 2}).reshape(2, 4);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(model.teacherForced(images(m, 2, 64, 4), inputs, true).logSoftmax(2)
                        .get(new NDIndex(":, :, 5")).mean().neg());
            }
            List<String> trainable = model.parameters().stream()
                    .filter(p -> p.getKey().startsWith("encoder.") && p.getValue().requiresGradient())
                    .map(p -> p.getKey()).toList();
            List<String> withGradient = model.parameters().stream()
                    .filter(p -> trainable.contains(p.getKey())
                            && p.getValue().getArray().getGradient().abs().sum().getFloat() > 0)
                    .map(p -> p.getKey()).toList();
            assertTrue(trainable.size() > 20, "trainable ResNet-18 parameters: " + trainable);
            assertEquals(trainable, withGradient, "every trainable encoder parameter gets a gradient");
            m.close();
        }
    }

    @Test
    void parametersSurviveASaveAndLoad(@TempDir Path dir) throws Exception {
        ModelConfig config = small("resnet18", "transformer");
        Path file = dir.resolve("model.params");
        try (NDManager base = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            float[] before;
            try (EncoderDecoderCaptioner model = Captioners.create(config, VOCAB, base)) {
                model.saveParameters(file);
                before = model.features(images(base, 1, 64, 2), false).toFloatArray();
            }
            Engine.getInstance().setRandomSeed(2);
            try (EncoderDecoderCaptioner model = Captioners.create(config, VOCAB, base)) {
                model.loadParameters(file);
                assertArrayEquals(before, model.features(images(base, 1, 64, 2), false).toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void beamSearchFindsCaptionsAtLeastAsLikelyAsGreedy() {
        ModelConfig config = small("cnn", "lstm");
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(config, VOCAB, base)) {
            Engine.getInstance().setRandomSeed(3);
            NDManager m = base.newSubManager();
            NDList encoded = model.encode(images(m, 4, 64, 3), false);
            int[][] greedy = io.scstbus.trainer.scst.Decoding.greedy(model, encoded, config.maxLength());
            assertArrayEquals(greedy, io.scstbus.trainer.scst.Decoding.beam(model, encoded, 1, config.maxLength()));
            int[][] beam = io.scstbus.trainer.scst.Decoding.beam(model, encoded, 4, config.maxLength());
            float[] greedyScore = score(model, encoded, greedy, config.maxLength());
            float[] beamScore = score(model, encoded, beam, config.maxLength());
            for (int i = 0; i < 4; i++) {
                assertTrue(beamScore[i] >= greedyScore[i] - 1e-4f, "image " + i + ": beam " + beamScore[i]
                        + " < greedy " + greedyScore[i]);
            }
            m.close();
        }
    }

    /** Summed log-probability of each caption (temperature 1, specials masked), as decoding scores it. */
    private static float[] score(Captioner model, NDList encoded, int[][] tokens, int maxLength) {
        return io.scstbus.trainer.scst.Decoding.rescore(model, encoded, tokens, 1, 1.0, maxLength).logProbSums()
                .toFloatArray();
    }

    @Test
    void creatingAModelTurnsNnpackOffSoNoConvolutionAsksForIt() {
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(small("cnn", "lstm"), VOCAB, base)) {
            assertFalse(NnpackSwitch.isOn(), "NNPACK still on: each batch-1 convolution prints 'Could not initialize"
                    + " NNPACK' where it cannot start");
        }
    }

    @Test
    void unknownEncoderIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small("vgg16", "lstm"));
        assertTrue(e.getMessage().contains("model.encoder"), e.getMessage());
    }
}
