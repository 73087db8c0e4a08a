package io.scstbus.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with optional global-norm gradient clipping, whose moments are keyed by parameter name so they
 * can be checkpointed and restored into a fresh model (DJL's own optimisers key state by random
 * parameter ids and cannot be saved). Updates in place outside any gradient collector, then zeroes
 * the gradients (PyTorch accumulates them).
 */
public final class AdamOptimizer implements AutoCloseable {

    private static final int MAGIC = 0x41444D31; // "ADM1"

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
    private double learningRate;
    private double clipNorm;
    private long updates;

    public AdamOptimizer(NDManager parent, double learningRate, double clipNorm) {
        this.manager = parent.newSubManager();
        this.beta1 = 0.9;
        this.beta2 = 0.999;
        this.epsilon = 1e-8;
        setLearningRate(learningRate);
        setClipNorm(clipNorm);
    }

    public void setLearningRate(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + value);
        }
        this.learningRate = value;
    }

    /** 0 turns clipping off. */
    public void setClipNorm(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("gradient clip norm must be >= 0, got " + value);
        }
        this.clipNorm = value;
    }

    /** Updates applied so far (restored with the state). */
    public long updates() {
        return updates;
    }

    /**
     * Applies one update from the parameters' current gradients and zeroes them.
     *
     * @return the global gradient norm before clipping
     * @throws IllegalStateException when a gradient is NaN or infinite; nothing is updated then
     */
    public double step(PairList<String, Parameter> parameters) {
        return step(parameters, name -> 1.0);
    }

    /** As {@link #step(PairList)}, each parameter's rate scaled by {@code rateScale} (0: left as it is). */
    public double step(PairList<String, Parameter> parameters, java.util.function.ToDoubleFunction<String> rateScale) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            double squared = 0;
            for (Pair<String, Parameter> p : parameters) {
                NDArray weight = p.getValue().getArray();
                if (!p.getValue().requiresGradient() || !weight.hasGradient()) {
                    continue;
                }
                NDArray grad = weight.getGradient();
                grads.put(p.getKey(), grad);
                squared += grad.square().sum().getFloat();
            }
            double norm = Math.sqrt(squared);
            if (!Double.isFinite(norm)) {
                String worst = null;
                float largest = -1;
                for (Map.Entry<String, NDArray> g : grads.entrySet()) {
                    float max = g.getValue().abs().max().getFloat();
                    if (!(max <= largest)) {
                        largest = max;
                        worst = g.getKey();
                    }
                }
                throw new IllegalStateException("gradient norm is " + norm + " at update " + (updates + 1)
                        + "; the parameters were not updated (largest |gradient| " + largest + " in " + worst + ")");
            }
            double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1.0;
            updates++;
            double correction1 = 1 - Math.pow(beta1, updates);
            double correction2 = 1 - Math.pow(beta2, updates);
            double stepSize = learningRate * Math.sqrt(correction2) / correction1;
            for (Pair<String, Parameter> p : parameters) {
                NDArray grad = grads.get(p.getKey());
                double rate = rateScale.applyAsDouble(p.getKey());
                if (grad == null || rate == 0) {
                    continue;
                }
                NDArray weight = p.getValue().getArray();
                NDArray[] m = moments.computeIfAbsent(p.getKey(), k -> newMoments(weight));
                NDArray g = scale == 1.0 ? grad : grad.mul((float) scale);
                m[0].muli((float) beta1).addi(g.mul((float) (1 - beta1)));
                m[1].muli((float) beta2).addi(g.square().mul((float) (1 - beta2)));
                NDArray update = m[0].mul((float) (stepSize * rate)).div(m[1].sqrt().add((float) (epsilon * Math.sqrt(correction2))));
                // through a detached view: on a thread where autograd is on (PyTorch's default for
                // threads DJL did not initialise) an in-place update of a leaf that requires grad fails
                weight.stopGradient().subi(update);
                grad.subi(grad);
            }
            return norm;
        }
    }

    /** Zeroes every gradient without updating: for a step that has nothing to learn from. */
    public static void zeroGradients(PairList<String, Parameter> parameters) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Pair<String, Parameter> p : parameters) {
                NDArray weight = p.getValue().getArray();
                if (weight.hasGradient()) {
                    NDArray grad = weight.getGradient();
                    grad.subi(grad);
                }
            }
        }
    }

    private NDArray[] newMoments(NDArray weight) {
        NDArray m = manager.zeros(weight.getShape(), weight.getDataType());
        NDArray v = manager.zeros(weight.getShape(), weight.getDataType());
        NDScope.unregister(m, v);
        return new NDArray[] {m, v};
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(updates);
        out.writeInt(moments.size());
        for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
            out.writeUTF(e.getKey());
            for (NDArray array : e.getValue()) {
                byte[] bytes = array.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /** Restores moments and the update count; the names must be those of the model being trained. */
    public void load(DataInputStream in, PairList<String, Parameter> parameters) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not an optimiser state file (bad magic number)");
        }
        long restoredUpdates = in.readLong();
        int count = in.readInt();
        Map<String, NDArray[]> restored = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            NDArray[] pair = new NDArray[2];
            for (int j = 0; j < 2; j++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                pair[j] = manager.decode(bytes);
                NDScope.unregister(pair[j]);
            }
            Parameter parameter = parameters.get(name);
            if (parameter == null || !parameter.getArray().getShape().equals(pair[0].getShape())) {
                throw new IOException("optimiser state for '" + name + "' " + pair[0].getShape()
                        + " does not match the model's parameter " + (parameter == null ? "(none)" : parameter.getArray().getShape()));
            }
            restored.put(name, pair);
        }
        moments.values().forEach(pair -> {
            pair[0].close();
            pair[1].close();
        });
        moments.clear();
        moments.putAll(restored);
        updates = restoredUpdates;
    }

    @Override
    public void close() {
        manager.close();
    }
}
