package io.scstbus.rewards;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the repository's test data ({@code testdata/} at the root; see its README for where each
 * file comes from). Surefire sets {@code scstbus.testdata}; the default serves a test run from a
 * module folder.
 */
public final class TestData {

    private TestData() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("scstbus.testdata", "../testdata")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("README.md"))) {
            throw new IllegalStateException("test data not found at " + root
                    + "; it is the repository's testdata/ folder (set -Dscstbus.testdata=DIR to move it)");
        }
        return root;
    }

    /** A file under testdata/, e.g. {@code rsicd/rsicd_5caps.json}; fails when it is missing. */
    public static Path data(String relative) {
        Path file = root().resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("test data file missing: " + file);
        }
        return file;
    }
}
