package io.scstbus.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    private static final SyntheticConfig CONFIG = SyntheticConfig.defaults().withImages(30).withSeed(5);
    private static final String IMAGE = "images/syn_000007.png";

    @TempDir
    Path tmp;

    private Path write(SyntheticConfig config, String name, int threads) throws IOException {
        Path dir = tmp.resolve(name);
        new SyntheticDatasetWriter(threads).write(config, dir, false, SyntheticDatasetWriter.Progress.NONE);
        return dir;
    }

    @Test
    void sameSeedGivesIdenticalBytesWhateverTheThreadCount() throws IOException {
        Path a = write(CONFIG, "a", 1);
        Path b = write(CONFIG, "b", 3);
        for (String file : new String[] {"dataset.json", "counts.json", "generator.json", IMAGE}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
    }

    @Test
    void differentSeedGivesDifferentCaptionsAndImages() throws IOException {
        Path a = write(CONFIG, "a", 1);
        Path b = write(CONFIG.withSeed(6), "b", 1);
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("dataset.json")),
                Files.readAllBytes(b.resolve("dataset.json"))));
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve(IMAGE)), Files.readAllBytes(b.resolve(IMAGE))));
    }

    @Test
    void anImageDoesNotDependOnHowManyImagesAreGenerated() {
        SyntheticSample few = new SyntheticGenerator(CONFIG.withImages(10)).sample(7);
        SyntheticSample many = new SyntheticGenerator(CONFIG.withImages(500)).sample(7);
        assertEquals(few.scene(), many.scene());
        assertEquals(few.captions(), many.captions());
    }
}
