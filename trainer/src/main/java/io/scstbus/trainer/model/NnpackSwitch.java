package io.scstbus.trainer.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns PyTorch's NNPACK convolutions off, once per process, as {@code torch.backends.nnpack.set_flags(False)}
 * does in Python (DJL has no such option).
 *
 * <p>Why: before choosing a CPU convolution PyTorch asks whether NNPACK is usable, and where NNPACK cannot
 * start (CPUs whose caches it cannot read, e.g. in virtual machines such as this project's CI) every such
 * question prints "Could not initialize NNPACK! Reason: Unsupported hardware." from C++, hundreds of lines a
 * run. Nothing is lost by switching it off: PyTorch considers NNPACK only for float32 inference batches of 16
 * or more, where it takes oneDNN (MKL-DNN) first, which the DJL PyTorch builds have.
 *
 * <p>How: {@code at::globalContext().setUserEnabledNNPACK(false)} through JNA (which DJL's api already
 * brings), by the functions' Itanium-ABI names in {@code libtorch_cpu}. Where they are not found (another
 * compiler's names, a build without them) NNPACK stays as it was, which only means the warning may show.
 */
final class NnpackSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(NnpackSwitch.class);
    private static boolean done;

    private NnpackSwitch() {
    }

    /** Switches NNPACK off in the PyTorch engine of this process (the first call; later calls do nothing). */
    static synchronized void turnOff() {
        if (done) {
            return;
        }
        done = true;
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return;
        }
        try {
            Function setEnabled = torch().getFunction("_ZN2at7Context20setUserEnabledNNPACKEb");
            setEnabled.invokeVoid(new Object[] {context(), false});
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("NNPACK left as it is: {}", e.toString());
        }
    }

    /** Whether PyTorch may choose NNPACK ({@code at::globalContext().userEnabledNNPACK()}). */
    static boolean isOn() {
        int bool = torch().getFunction("_ZNK2at7Context17userEnabledNNPACKEv").invokeInt(new Object[] {context()});
        return (bool & 0xff) != 0;
    }

    private static NativeLibrary torch() {
        return NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"))
                .toString());
    }

    private static Pointer context() {
        return torch().getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
    }
}
