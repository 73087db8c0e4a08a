package io.scstbus.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --device selection and its errors, on this CPU-only build and with the GPU counts a CUDA build would see. */
class DeviceChoiceTest {

    @Test
    void gpuOnThisBuildFailsNamingTheCpuOnlyLibrary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceChoice.resolve("gpu", message -> { }));
        assertTrue(e.getMessage().contains("CPU-only build"), e.getMessage());
    }

    @Test
    void autoFallsBackToTheCpuAndSaysWhy() {
        List<String> said = new ArrayList<>();
        assertEquals(Device.cpu(), DeviceChoice.resolve("auto", said::add));
        assertTrue(said.size() == 1 && said.get(0).startsWith("device: cpu (auto: "), said.toString());
    }

    @Test
    void gpuWithoutDevicesOnACudaBuildNamesTheMissingDevice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceChoice.resolve("gpu:0", 0, "cu128", message -> { }));
        assertTrue(e.getMessage().contains("sees no CUDA device"), e.getMessage());
    }

    @Test
    void gpuIndexMustBeVisible() {
        assertEquals(Device.gpu(1), DeviceChoice.resolve("gpu:1", 2, "cu128", message -> { }));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceChoice.resolve("gpu:2", 2, "cu128", message -> { }));
        assertTrue(e.getMessage().contains("only 2 GPUs are visible"), e.getMessage());
    }

    @Test
    void autoTakesTheFirstGpuWhenThereIsOne() {
        assertEquals(Device.gpu(0), DeviceChoice.resolve("auto", 1, "cu128", message -> { }));
    }

    @Test
    void unknownDeviceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceChoice.resolve("tpu", 0, "cpu", message -> { }));
        assertTrue(e.getMessage().contains("auto, cpu, gpu or gpu:N"), e.getMessage());
    }
}
