package io.scstbus.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@code --device auto|cpu|gpu[:N]}: where the model and every array of a run live. {@code gpu} where
 * no GPU is usable fails before anything starts, naming the cause (the CPU-only PyTorch library is on
 * the class path, or the CUDA build found no device); {@code auto} falls back to the CPU and says so.
 */
public final class DeviceChoice {

    private DeviceChoice() {
    }

    /** Resolves {@code spec} with the engine in this process. */
    public static Device resolve(String spec, Consumer<String> info) {
        String flavor = nativeFlavor();
        // the CPU-only library cannot see a GPU: do not ask it (no CUDA probing, no warnings)
        int gpus = "cpu".equals(flavor) ? 0 : Engine.getInstance().getGpuCount();
        return resolve(spec, gpus, flavor, info);
    }

    /**
     * @param gpus GPUs the engine sees
     * @param flavor the PyTorch native library's flavor ({@code cpu}, {@code cu124}, ...), or null when unknown
     */
    static Device resolve(String spec, int gpus, String flavor, Consumer<String> info) {
        String s = spec == null ? "auto" : spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("auto")) {
            if (gpus > 0) {
                info.accept("device: gpu:0 (auto; " + gpus + " GPU" + (gpus == 1 ? "" : "s") + " visible)");
                return Device.gpu(0);
            }
            info.accept("device: cpu (auto: " + cause(flavor) + ")");
            return Device.cpu();
        }
        int index;
        if (s.equals("gpu")) {
            index = 0;
        } else if (s.matches("gpu:\\d{1,3}")) {
            index = Integer.parseInt(s.substring(4));
        } else {
            throw new IllegalArgumentException("--device must be auto, cpu, gpu or gpu:N, got '" + spec + "'");
        }
        if (gpus == 0) {
            throw new IllegalArgumentException("--device " + s + ": no GPU is usable: " + cause(flavor));
        }
        if (index >= gpus) {
            throw new IllegalArgumentException("--device " + s + ": only " + gpus + " GPU" + (gpus == 1 ? " is" : "s are")
                    + " visible (gpu:0" + (gpus > 1 ? " to gpu:" + (gpus - 1) : "") + ")");
        }
        return Device.gpu(index);
    }

    private static String cause(String flavor) {
        if ("cpu".equals(flavor)) {
            return "the PyTorch native library on the class path is the CPU-only build (pytorch-native-cpu); build"
                    + " with -Pcuda, or run with SCSTBUS_DJL_DOWNLOAD=1 to let DJL fetch the CUDA library (docs/gpu.md)";
        }
        return "the PyTorch library" + (flavor == null ? "" : " (" + flavor + ")") + " sees no CUDA device (no NVIDIA"
                + " driver, or CUDA_VISIBLE_DEVICES hides them)";
    }

    /** The flavor in the bundled native library's {@code native/lib/pytorch.properties}, or null. */
    static String nativeFlavor() {
        try (InputStream in = DeviceChoice.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("flavor");
        } catch (IOException e) {
            return null;
        }
    }
}
