package io.scstbus.rewards.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.CountDictionaries;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.graph.CachingSceneGraphParser;
import io.scstbus.rewards.signals.CountDictionaryBuilder;
import io.scstbus.rewards.signals.ObjectMatcher;
import io.scstbus.rewards.text.WordNet;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reward-worker build-counts}: per-image count dictionaries from captions and a detector. */
@Command(name = "build-counts",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Builds one count dictionary per image of a Karpathy-style dataset (dataset.json): the counts its "
                    + "reference captions state (the most frequent count across the captions, ties to the larger), "
                    + "fused with an object detector's counts; where both count the same object the captions win.",
            "Writes JSON Lines, one object per image in dataset order: {\"<image id>\": {\"storage tank\": 7, ...}}.",
        })
public final class BuildCountsCommand implements Callable<Integer> {

    /** Which dataset field names an image. */
    public enum ImageId {
        stem, imgid
    }

    @Mixin
    ParserOptions parser = new ParserOptions();

    @Mixin
    FactualModelOptions factual = new FactualModelOptions();

    @Mixin
    RemoteParserOptions remote = new RemoteParserOptions();

    @Option(names = "--dataset", required = true,
            description = "Karpathy-style dataset JSON: {\"images\": [{\"filename\", \"imgid\", \"split\", "
                    + "\"sentences\": [{\"raw\"}]}]}, e.g. testdata/rsicd/rsicd_5caps.json.")
    Path dataset;

    @Option(names = "--detector",
            description = "Optional detector counts, DIOR-style JSON {\"<image id>\": {\"<class>\": n}}; class "
                    + "names such as storagetank or Expressway-Service-area are mapped to caption phrases.")
    Path detector;

    @Option(names = "--image-id", defaultValue = "stem",
            description = "How an image is named in the output and in --detector: stem (file name without "
                    + "extension, e.g. airport_1) or imgid (the numeric imgid). Default: ${DEFAULT-VALUE}.")
    ImageId imageId = ImageId.stem;

    @Option(names = "--split",
            description = "Only images of this split (train, val, test); default: all images.")
    String split;

    @Option(names = "--limit", defaultValue = "0",
            description = "Stop after this many images (0, the default: no limit); for quick looks and tests.")
    int limit;

    @Option(names = {"-o", "--output"},
            description = "Write to this file instead of standard output.")
    Path output;

    private final PrintStream out;
    private final PrintStream err;

    public BuildCountsCommand() {
        this(System.out, System.err);
    }

    public BuildCountsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        CaptionDataset data;
        Map<String, Map<String, Integer>> detected;
        try {
            data = CaptionDataset.read(dataset);
            detected = detector == null ? Map.of() : CountDictionaries.read(detector);
        } catch (IOException e) {
            err.println("build-counts: " + e.getMessage());
            return 2;
        }
        if (imageId == ImageId.imgid) {
            for (ImageEntry image : data.images()) {
                if (!image.fileIds().containsKey("imgid")) {
                    err.println("build-counts: --image-id imgid, but image '" + image.imageId() + "' of " + dataset
                            + " has no imgid");
                    return 2;
                }
            }
        }
        CachingSceneGraphParser graphs;
        try {
            graphs = parser.build(factual, remote);
        } catch (IllegalStateException e) {
            err.println("build-counts: " + e.getMessage());
            return 2;
        }
        try {
            return write(data, detected, graphs);
        } finally {
            parser.close();
        }
    }

    /** Writes the dictionaries; a write that fails (a full disk, a closed pipe) fails the command. */
    private int write(CaptionDataset data, Map<String, Map<String, Integer>> detected, CachingSceneGraphParser graphs) {
        ObjectMapper mapper = new ObjectMapper();
        CountDictionaryBuilder builder = new CountDictionaryBuilder(graphs, new ObjectMatcher(WordNet.shared()));
        String where = output == null ? "standard output" : output.toString();
        int written = 0;
        try (Writer writer = writer()) {
            for (ImageEntry image : data.images()) {
                if (split != null && !split.equals(image.split())) {
                    continue;
                }
                if (limit > 0 && written >= limit) {
                    break;
                }
                String id = imageId(image);
                Map<String, Integer> counts = builder.build(image.captions(), detected.getOrDefault(id, Map.of()));
                ObjectNode line = mapper.createObjectNode();
                ObjectNode dictionary = line.putObject(id);
                counts.forEach(dictionary::put);
                writer.write(mapper.writeValueAsString(line));
                writer.write('\n');
                written++;
            }
        } catch (IOException e) {
            err.println("build-counts: cannot write " + where + " (" + written + " images written): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
        if (output == null && out.checkError()) {
            err.println("build-counts: cannot write standard output (" + written + " images written)");
            return 1;
        }
        CachingSceneGraphParser.Stats stats = graphs.stats();
        err.printf("build-counts: %d images, %d captions parsed (%d repeats served from cache)%n",
                written, stats.misses(), stats.hits());
        return 0;
    }

    private String imageId(ImageEntry image) {
        if (imageId == ImageId.imgid) {
            return image.fileIds().get("imgid");
        }
        return image.imageId();
    }

    /** The output file, or standard output (flushed, not closed, at the end). */
    private Writer writer() throws IOException {
        if (output != null) {
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        }
        return new OutputStreamWriter(out, StandardCharsets.UTF_8) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
