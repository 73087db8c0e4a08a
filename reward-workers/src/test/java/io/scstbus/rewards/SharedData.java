package io.scstbus.rewards;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared reference data (../shared/data), set by Surefire as {@code scstbus.shared}. */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("scstbus.shared", "../shared");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("data"))) {
            throw new IllegalStateException("shared data not found at " + root
                    + "; tests expect the project's shared/ folder beside the repository");
        }
        return root;
    }

    /** A file under shared/data, e.g. {@code rsicd/rsicd_5caps.json}. */
    public static Path data(String relative) {
        return root().resolve("data").resolve(relative);
    }
}
