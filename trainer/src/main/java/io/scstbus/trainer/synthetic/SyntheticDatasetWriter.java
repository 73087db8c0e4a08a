package io.scstbus.trainer.synthetic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Writes a synthetic dataset to a directory, in the layout the trainer reads for RSICD and UCM:
 * <pre>
 * DIR/images/syn_000000.png ...
 * DIR/dataset.json     Karpathy schema, the same keys as UCM's dataset.json
 * DIR/counts.json      {"syn_000000": {"storage tank": 3, "tree": 5}, ...}
 * DIR/generator.json   the configuration that produced it
 * </pre>
 * The output is byte-identical for the same configuration, whatever the number of threads.
 * {@code dataset.json} is written last and moved into place, so its presence means a complete dataset.
 */
public final class SyntheticDatasetWriter {

    public static final String IMAGES = "images";
    public static final String DATASET_JSON = "dataset.json";
    public static final String COUNTS_JSON = "counts.json";
    public static final String GENERATOR_JSON = "generator.json";
    public static final String DATASET_NAME = "synthetic";

    /** Told after each image is written; called from worker threads. */
    @FunctionalInterface
    public interface Progress {
        void imagesDone(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    /** What was written. */
    public record Summary(Path directory, int images, int train, int val, int test, long millis) { }

    private final int threads;

    /** A writer rendering and encoding images on {@code threads} threads. */
    public SyntheticDatasetWriter(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Generates and writes the dataset. An existing dataset in {@code dir} is replaced only with
     * {@code overwrite}; other files in the directory are left alone.
     */
    public Summary write(SyntheticConfig config, Path dir, boolean overwrite, Progress progress) throws IOException {
        long start = System.nanoTime();
        Path images = dir.resolve(IMAGES);
        prepare(dir, images, overwrite);
        SyntheticGenerator generator = new SyntheticGenerator(config);
        List<SyntheticSample> samples = renderAll(generator, images, progress);
        writeCounts(samples, dir.resolve(COUNTS_JSON));
        writeGenerator(config, dir.resolve(GENERATOR_JSON));
        Path tmp = dir.resolve(DATASET_JSON + ".tmp");
        writeDataset(samples, tmp);
        Files.move(tmp, dir.resolve(DATASET_JSON), StandardCopyOption.REPLACE_EXISTING);
        return new Summary(dir, config.images(), config.trainImages(), config.valImages(), config.testImages(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void prepare(Path dir, Path images, boolean overwrite) throws IOException {
        boolean existing = Files.exists(dir.resolve(DATASET_JSON)) || Files.exists(dir.resolve(COUNTS_JSON))
                || Files.isDirectory(images);
        if (existing && !overwrite) {
            throw new IllegalStateException("a dataset already exists in " + dir
                    + " (dataset.json, counts.json or images/); choose another directory or overwrite it");
        }
        if (existing) {
            Files.deleteIfExists(dir.resolve(DATASET_JSON));
            Files.deleteIfExists(dir.resolve(COUNTS_JSON));
            Files.deleteIfExists(dir.resolve(GENERATOR_JSON));
            if (Files.isDirectory(images)) {
                try (DirectoryStream<Path> pngs = Files.newDirectoryStream(images, "*.png")) {
                    for (Path png : pngs) {
                        Files.delete(png);
                    }
                }
            }
        }
        Files.createDirectories(images);
    }

    private List<SyntheticSample> renderAll(SyntheticGenerator generator, Path images, Progress progress)
            throws IOException {
        int total = generator.config().images();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synthetic-render");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SyntheticSample>> futures = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    SyntheticSample sample = generator.sample(index);
                    Path file = images.resolve(sample.filename());
                    if (!ImageIO.write(generator.render(sample), "png", file.toFile())) {
                        throw new IOException("no PNG writer available for " + file);
                    }
                    progress.imagesDone(done.incrementAndGet(), total);
                    return sample;
                }));
            }
            List<SyntheticSample> samples = new ArrayList<>(total);
            for (Future<SyntheticSample> f : futures) {
                samples.add(f.get());
            }
            return samples;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing images to " + images, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw new IllegalStateException("generating a synthetic image failed", cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeDataset(List<SyntheticSample> samples, Path file) throws IOException {
        try (JsonGenerator json = open(file)) {
            json.writeStartObject();
            json.writeArrayFieldStart("images");
            int sentid = 0;
            for (SyntheticSample sample : samples) {
                json.writeStartObject();
                json.writeArrayFieldStart("sentids");
                for (int k = 0; k < sample.captions().size(); k++) {
                    json.writeNumber(sentid + k);
                }
                json.writeEndArray();
                json.writeNumberField("imgid", sample.imgid());
                json.writeArrayFieldStart("sentences");
                for (String caption : sample.captions()) {
                    json.writeStartObject();
                    json.writeArrayFieldStart("tokens");
                    for (String token : CaptionWriter.tokens(caption)) {
                        json.writeString(token);
                    }
                    json.writeEndArray();
                    json.writeStringField("raw", caption);
                    json.writeNumberField("imgid", sample.imgid());
                    json.writeNumberField("sentid", sentid++);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeStringField("split", sample.split());
                json.writeStringField("filename", sample.filename());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("dataset", DATASET_NAME);
            json.writeEndObject();
        }
    }

    private static void writeCounts(List<SyntheticSample> samples, Path file) throws IOException {
        try (JsonGenerator json = open(file)) {
            json.writeStartObject();
            for (SyntheticSample sample : samples) {
                json.writeObjectFieldStart(sample.id());
                for (Map.Entry<String, Integer> e : sample.counts().entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    private static void writeGenerator(SyntheticConfig config, Path file) throws IOException {
        try (JsonGenerator json = open(file)) {
            json.writeStartObject();
            json.writeStringField("generator", "scst-bus synthetic");
            json.writeNumberField("format_version", 1);
            json.writeNumberField("images", config.images());
            json.writeNumberField("seed", config.seed());
            json.writeNumberField("size", config.size());
            json.writeNumberField("val_fraction", config.valFraction());
            json.writeNumberField("test_fraction", config.testFraction());
            json.writeEndObject();
        }
    }

    /** Pretty-printed UTF-8 JSON with {@code \n} line ends on every platform, for identical bytes. */
    private static JsonGenerator open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
        return json;
    }
}
