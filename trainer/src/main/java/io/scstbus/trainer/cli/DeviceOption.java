package io.scstbus.trainer.cli;

import ai.djl.Device;
import io.scstbus.trainer.train.DeviceChoice;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code --device}, the same for every command that runs the model (mixed in with {@code @Mixin}). */
public final class DeviceOption {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu[:N]",
            description = {"Where the model and every array live: gpu[:N] fails at start when no GPU is usable (and says",
                "why), auto takes gpu:0 when there is one and says when it falls back to cpu (default: ${DEFAULT-VALUE})."})
    String spec;

    /** The device asked for; an unusable GPU is an IllegalArgumentException naming the cause. */
    Device resolve(Consumer<String> info) {
        return DeviceChoice.resolve(spec, info);
    }
}
