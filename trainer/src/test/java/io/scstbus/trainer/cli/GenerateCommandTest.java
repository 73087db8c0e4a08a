package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GenerateCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesTheDatasetAndReportsProgressOnStderr() throws Exception {
        Path dir = tmp.resolve("synthetic");
        int code = run("--out", dir.toString(), "--images", "40", "--seed", "9", "--size", "48",
                "--val-fraction", "0.25", "--test-fraction", "0.25", "--threads", "2");
        assertEquals(0, code, err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("dataset.json")));
        assertTrue(Files.isRegularFile(dir.resolve("counts.json")));
        try (var images = Files.list(dir.resolve("images"))) {
            assertEquals(40, images.count());
        }
        assertTrue(out.toString().contains("wrote 40 images (train 20, val 10, test 10) of 48x48 px"), out.toString());
        assertTrue(err.toString().contains("100.0% 40/40 images"), err.toString());
    }

    @Test
    void refusesToOverwriteWithoutForce() {
        Path dir = tmp.resolve("d");
        assertEquals(0, run("--out", dir.toString(), "--images", "3", "--quiet"));
        assertEquals(1, run("--out", dir.toString(), "--images", "3", "--quiet"));
        assertTrue(err.toString().contains("already exists") && err.toString().contains("--force"), err.toString());
        assertEquals(0, run("--out", dir.toString(), "--images", "2", "--quiet", "--force"));
    }

    @Test
    void badOptionValueIsAUsageErrorNamingTheRange() {
        int code = run("--out", tmp.toString(), "--val-fraction", "0.7", "--test-fraction", "0.5");
        assertEquals(2, code);
        assertTrue(err.toString().contains("val fraction + test fraction must be below 1"), err.toString());
    }

    @Test
    void helpExplainsEveryOption() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        for (String option : new String[] {"--out", "--images", "--seed", "--size", "--val-fraction",
                "--test-fraction", "--threads", "--force", "--quiet", "--help", "--version"}) {
            assertTrue(help.contains(option), option + " missing from help:\n" + help);
        }
        assertTrue(help.contains("default: 2000") && help.contains("default: 64"), help);
    }
}
