package io.scstbus.trainer.cli;

import io.scstbus.rewards.cli.VersionProvider;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.trainer.synthetic.SyntheticConfig;
import io.scstbus.trainer.synthetic.SyntheticDatasetWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trainer generate}: write a synthetic remote-sensing captioning dataset to a directory. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Generate a synthetic remote-sensing captioning dataset: aerial-looking PNG images (storage tanks, "
                    + "tennis courts, planes, buildings, roads, trees, rivers, ships on field, meadow, water or "
                    + "urban ground), five RSICD-style reference captions each, and exact object counts.",
            "Writes DIR/images/*.png, DIR/dataset.json (Karpathy schema, like UCM), DIR/counts.json "
                    + "({\"<image id>\": {\"storage tank\": 3}}) and DIR/generator.json. "
                    + "The same options always give byte-identical files.",
        },
        sortOptions = false)
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write the dataset to; created if missing.")
    Path out;

    @Option(names = "--images", paramLabel = "N", defaultValue = "" + SyntheticConfig.DEFAULT_IMAGES,
            description = "Number of images to generate (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SyntheticConfig.DEFAULT_SEED,
            description = "Seed of all randomness; the same seed gives the same dataset (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "" + SyntheticConfig.DEFAULT_SIZE,
            description = "Width and height of each image in pixels, " + SyntheticConfig.MIN_SIZE + " to "
                    + SyntheticConfig.MAX_SIZE + "; objects scale with it (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "" + SyntheticConfig.DEFAULT_VAL_FRACTION,
            description = "Share of images in the val split, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "" + SyntheticConfig.DEFAULT_TEST_FRACTION,
            description = "Share of images in the test split, in [0, 1); val + test must stay below 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "Threads rendering images; 0 = one per core (default). The output does not depend on it.")
    int threads;

    @Option(names = "--force",
            description = "Replace a dataset already in DIR (its images, dataset.json and counts.json).")
    boolean force;

    @Option(names = "--quiet", description = "No progress display on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        SyntheticConfig config;
        try {
            config = new SyntheticConfig(images, seed, size, valFraction, testFraction);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--threads must be 0 (one per core) or more, got " + threads);
        }
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = quiet ? ProgressBar.none()
                : new ProgressBar(err, "generating", "images", System.console() != null);
        SyntheticDatasetWriter.Progress progress = (done, total) -> {
            bar.total(total);
            bar.update(done, String.format(Locale.ROOT, "%.0f images/s", bar.rate(done)));
        };
        SyntheticDatasetWriter.Summary summary;
        try {
            summary = new SyntheticDatasetWriter(workers).write(config, out, force, progress);
        } catch (IllegalStateException e) {
            bar.end();
            err.println("generate: " + e.getMessage() + (force ? "" : " (--force replaces it)"));
            err.flush();
            return 1;
        }
        bar.finish(config.images(), String.format(Locale.ROOT, "%.0f images/s", bar.rate(config.images())));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %d images (train %d, val %d, test %d) of %dx%d px to %s in %.1f s%n",
                summary.images(), summary.train(), summary.val(), summary.test(), size, size,
                summary.directory(), summary.millis() / 1000.0);
        stdout.flush();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateCommand()).execute(args));
    }
}
