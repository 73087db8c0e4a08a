package io.scstbus.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.scstbus.trainer.model.Captioners;
import io.scstbus.trainer.model.EncoderDecoderCaptioner;
import io.scstbus.trainer.model.ModelConfig;
import io.scstbus.trainer.model.OwnedArrays;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@code torchscript:} encoder on testdata/torchscript/tiny_encoder.pt (scripts/make-torchscript-encoder.py):
 * it loads through DJL's PyTorch engine, trains when not frozen and is cached when frozen.
 */
class TorchScriptEncoderTest {

    private static final Path ENCODER = Path.of(System.getProperty("scstbus.testdata", "../testdata"))
            .resolve("torchscript/tiny_encoder.pt").toAbsolutePath().normalize();

    private static ModelConfig config(boolean frozen) {
        return new ModelConfig(64, null, 16, 32, 16, 6, 1, "torchscript:" + ENCODER, frozen, 1.0, "memory",
                "transformer", 1, 4);
    }

    private static NDArray images(NDManager manager) {
        float[] pixels = new float[2 * 3 * 64 * 64];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble(-1, 1);
        }
        return OwnedArrays.of(manager, pixels, new Shape(2, 3, 64, 64));
    }

    @Test
    void unfrozenEncoderLearns() {
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(config(false), 12, base);
             AdamOptimizer optimizer = new AdamOptimizer(base, 1e-2, 0)) {
            List<Pair<String, Parameter>> encoder = model.parameters().stream()
                    .filter(p -> p.getKey().startsWith("encoder.")).toList();
            assertFalse(encoder.isEmpty(), "the TorchScript module's parameters are trained");
            float[] before = encoder.get(0).getValue().getArray().toFloatArray();
            try (NDManager step = base.newSubManager()) {
                NDArray inputs = OwnedArrays.of(step, new long[] {1, 5, 6, 1, 7, 8}).reshape(2, 3);
                NDArray targets = OwnedArrays.of(step, new long[] {5, 6, 2, 7, 8, 2}).reshape(2, 3);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = model.teacherForced(images(step), inputs, true);
                    collector.backward(CrossEntropyPhase.maskedCrossEntropy(logits, targets));
                }
                optimizer.step(model.parameters(), model::learningRateScale);
            }
            assertFalse(Arrays.equals(before, encoder.get(0).getValue().getArray().toFloatArray()),
                    "encoder parameter " + encoder.get(0).getKey() + " unchanged after an update");
        }
    }

    @Test
    void frozenEncoderIsComputedOncePerImage() {
        try (NDManager base = NDManager.newBaseManager();
             EncoderDecoderCaptioner model = Captioners.create(config(true), 12, base)) {
            assertTrue(model.parameters().keys().stream().noneMatch(k -> k.startsWith("encoder.")));
            try (NDManager step = base.newSubManager()) {
                // (B, 16, 16, 16) feature map -> 256 regions; the decoder's cross-attention keys are (B, 256, width 32)
                assertEquals(new Shape(2, 256, 32), model.encode(images(step), true).get(0).getShape());
                model.encode(images(step), true);
            }
            assertEquals(2, model.featureCache().misses());
            assertEquals(2, model.featureCache().hits());
        }
    }
}
