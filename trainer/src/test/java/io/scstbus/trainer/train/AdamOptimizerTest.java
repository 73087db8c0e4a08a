package io.scstbus.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

    /** The first Adam step moves every weight by the learning rate against its gradient's sign. */
    @Test
    void firstStepMovesEachWeightByTheLearningRate() {
        float[] after = trainOneStep();
        assertArrayEquals(new float[] {0.9f, 2.1f}, after, 1e-5f);
    }

    /**
     * A trainer embedded in an application runs on the application's thread, where PyTorch records
     * gradients by default: the in-place update of a parameter must still work there.
     */
    @Test
    void stepsOnAThreadTheEngineWasNotStartedOn() throws Exception {
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            float[] after = CompletableFuture.supplyAsync(AdamOptimizerTest::trainOneStep, fresh).get();
            assertArrayEquals(trainOneStep(), after, 0f);
        } finally {
            fresh.shutdownNow();
        }
    }

    /** w = (1, 2), loss = w0 - w1: gradient (1, -1); one step with learning rate 0.1. */
    private static float[] trainOneStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            w.setArray(manager.create(new float[] {1f, 2f}).duplicate());
            w.getArray().setRequiresGradient(true);
            PairList<String, Parameter> parameters = new PairList<>();
            parameters.add("w", w);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray weight = w.getArray();
                collector.backward(weight.get(0).sub(weight.get(1)));
            }
            try (AdamOptimizer adam = new AdamOptimizer(manager, 0.1, 0.0)) {
                double norm = adam.step(parameters);
                assertEquals(Math.sqrt(2), norm, 1e-6);
            }
            return w.getArray().toFloatArray();
        }
    }
}
