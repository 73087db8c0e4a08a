package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data whose memory the engine owns. DJL's PyTorch engine wraps a Java direct
 * buffer without copying ({@code torch::from_blob}) and keeps the buffer alive only through the Java
 * array object. Its scalar operations ({@code x.div(2f)}, {@code x.mul(lambda)}, {@code x.add(eps)})
 * wrap the scalar that way and close it at once, while the autograd graph keeps the tensor for
 * backward: after a garbage collection between forward and backward, backward multiplies by freed
 * memory. The SCST phase, which waits for rewards between the two, showed it as gradient norms of
 * 1e11 to infinity right after GC pauses ({@code GcBetweenForwardAndBackwardTest}). So, on any path
 * that records gradients: arrays from Java data come from here, and scalars are {@link #scalar}
 * arrays, never {@code Number} arguments.
 */
public final class OwnedArrays {

    private OwnedArrays() {
    }

    public static NDArray of(NDManager manager, float[] data) {
        return owned(manager.create(data));
    }

    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    public static NDArray of(NDManager manager, int[] data) {
        return owned(manager.create(data));
    }

    public static NDArray of(NDManager manager, long[] data) {
        return owned(manager.create(data));
    }

    /** A 0-d array holding {@code value}, to broadcast in place of a {@code Number} argument. */
    public static NDArray scalar(NDManager manager, float value) {
        return owned(manager.create(value));
    }

    /** A copy in engine memory; {@code wrapped} is closed. */
    public static NDArray owned(NDArray wrapped) {
        NDArray copy = wrapped.duplicate();
        wrapped.close();
        return copy;
    }
}
