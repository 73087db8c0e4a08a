package io.scstbus.trainer.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.cli.VersionProvider;
import io.scstbus.trainer.train.Captioning;
import io.scstbus.trainer.train.Checkpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trainer caption}: a checkpoint's captions for an image folder or a dataset split, as a COCO results file. */
@Command(name = "caption", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Captions images with a trained checkpoint and writes a COCO results file",
            "([{\"image_id\": ..., \"caption\": \"...\"}]) for 'trainer evaluate'."},
        footer = {"", "Exit status: 0 written, 1 unreadable checkpoint, image or dataset, 2 bad command line."})
public final class CaptionCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "A checkpoint folder (model.params, vocabulary.json, config.yaml), or a run folder:"
                    + " then its --which pointer.")
    Path checkpoint;

    @Option(names = "--which", paramLabel = "POINTER", defaultValue = "latest",
            description = "With a run folder: latest, best_ce or best_scst (default: ${DEFAULT-VALUE}).")
    String which;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--images", paramLabel = "DIR",
                description = "Caption every .jpg, .jpeg, .png, .tif, .tiff and .bmp file of DIR; image_id = file name"
                        + " without extension.")
        Path images;

        @Option(names = "--dataset", paramLabel = "FILE",
                description = "Caption the --split images of a Karpathy dataset.json or COCO annotation file.")
        Path dataset;
    }

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "With --dataset: the split to caption (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--image-root", paramLabel = "DIR",
            description = "With --dataset: the folder its image paths are relative to (default: the dataset file's folder).")
    Path imageRoot;

    @Option(names = "--beam", defaultValue = "1", paramLabel = "N",
            description = "Beam width; 1 = greedy (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T",
            description = "Sample at this temperature instead of searching; 0 = no sampling (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K",
            description = "With --temperature: sample among the K most likely tokens; 0 = all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N",
            description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    DeviceOption device;

    @Option(names = "--out", required = true, paramLabel = "RESULTS.json", description = "The results file to write.")
    Path out;

    private final PrintStream err;

    public CaptionCommand() {
        this(System.err);
    }

    CaptionCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        Captioning.Decode decode;
        Device chosen;
        try {
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
            }
            decode = new Captioning.Decode(beam, temperature, topK, seed);
            chosen = device.resolve(err::println);
        } catch (IllegalArgumentException e) {
            err.println("caption: " + e.getMessage());
            return 2;
        }
        try (NDManager base = NDManager.newBaseManager(chosen);
             Checkpoints.Trained trained = Checkpoints.loadModel(Checkpoints.resolve(checkpoint, which), base)) {
            List<Captioning.Image> images = images();
            if (images.isEmpty()) {
                throw new IOException("no images to caption in " + (source.images != null ? source.images
                        : source.dataset + " split " + split));
            }
            long start = System.nanoTime();
            ProgressBar bar = ProgressBar.on(err, "captioning", "images");
            List<Captioning.Result> results = Captioning.caption(trained.model(), trained.vocabulary(), images, batchSize,
                    trained.config().model().maxLength(), decode, base, bar);
            double seconds = (System.nanoTime() - start) / 1e9;
            bar.finish(results.size(), "");
            Captioning.write(results, out);
            err.println(String.format(Locale.ROOT, "captioned %d images in %.1f s (%.2f images/s, %s, %s) -> %s",
                    results.size(), seconds, results.size() / seconds, describe(decode), chosen, out));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("caption: " + e.getMessage());
            return 1;
        }
    }

    private static String describe(Captioning.Decode d) {
        return d.temperature() > 0 ? "sampling T=" + d.temperature() + (d.topK() > 0 ? " top-" + d.topK() : "")
                : d.beams() > 1 ? "beam " + d.beams() : "greedy";
    }

    private List<Captioning.Image> images() throws IOException {
        List<Captioning.Image> images = new ArrayList<>();
        if (source.images != null) {
            if (!Files.isDirectory(source.images)) {
                throw new IOException("--images " + source.images + " is not a folder");
            }
            try (Stream<Path> files = Files.list(source.images)) {
                files.filter(CaptionCommand::isImage).sorted()
                        .forEach(f -> images.add(new Captioning.Image(ImageEntry.idOf(f.getFileName().toString()), f)));
            }
            return images;
        }
        Path root = imageRoot != null ? imageRoot : source.dataset.toAbsolutePath().getParent();
        for (ImageEntry entry : CaptionDataset.read(source.dataset).images(split)) {
            images.add(new Captioning.Image(entry.imageId(), root.resolve(entry.relativePath())));
        }
        return images;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")
                || name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".bmp"));
    }
}
