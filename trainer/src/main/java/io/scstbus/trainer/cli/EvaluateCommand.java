package io.scstbus.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.metrics.CaptionEvaluation;
import io.scstbus.rewards.metrics.CaptionEvaluation.Metric;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.metrics.DocumentFrequencies;
import io.scstbus.rewards.data.CountDictionaries;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.rewards.metrics.spice.CaptionGraphParser;
import io.scstbus.rewards.metrics.spice.CoreNlpCaptionGraphParser;
import io.scstbus.rewards.metrics.spice.Spice;
import io.scstbus.rewards.metrics.spice.SpiceEvaluator;
import io.scstbus.rewards.metrics.spice.Synsets;
import io.scstbus.rewards.metrics.spice.Tuple;
import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.rewards.text.Tokenization;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.trainer.train.RegistryEvaluator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code trainer evaluate}: the COCO caption evaluation table ({@code COCOEvalCap}) for a results file,
 * plus CIDEr-D. The images evaluated are those of the results file, as in {@code COCOEvalCap}.
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the COCO caption evaluation table (Bleu_1..4, ROUGE_L, CIDEr) plus CIDEr-D for generated "
                + "captions, with pycocoevalcap's semantics, and with --counts the object metrics; --compare puts a "
                + "second results file beside it, and with --spice SPICE. METEOR is not computed.",
            "Every image of --results is evaluated against all its reference captions in --annotations; "
                + "CIDEr takes document frequencies from the evaluated images' references, as pycocoevalcap does."
        },
        footer = {"", "Exit status: 0 evaluated, 1 invalid or unreadable file, 2 bad command line."})
public final class EvaluateCommand implements Callable<Integer> {

    /** Row labels of the COCO table, in its order, with the keys of {@link CaptionEvaluation}. */
    private static final Map<String, String> ROWS = rows();

    @Option(names = "--results", required = true, paramLabel = "RESULTS.json",
            description = "Generated captions: a JSON array of {\"image_id\": ..., \"caption\": \"...\"}, one "
                    + "entry per image. image_id names an image by its id (COCO id; Karpathy cocoid, else imgid), "
                    + "its file name, or its file name without extension.")
    Path results;

    @Option(names = "--annotations", required = true, paramLabel = "ANNOTATIONS",
            description = "Reference captions: a COCO caption annotation file or a Karpathy-style dataset.json.")
    Path annotations;

    @Option(names = "--tokenize", paramLabel = "MODE", defaultValue = "ptb", converter = TokenizationConverter.class,
            description = "ptb: pycocoevalcap's PTB tokenizer, as COCOEvalCap runs it; none: captions are "
                    + "tokenised already and split on whitespace. Default: ${DEFAULT-VALUE}.")
    Tokenization tokenize;

    @Option(names = "--df-from", paramLabel = "DATASET_FILE",
            description = "Fixed document frequencies for CIDEr-D: a Karpathy dataset.json or COCO annotation "
                    + "file (its --split images), or a table saved by 'reward-worker score --save-df'. Without "
                    + "it CIDEr-D takes them from the evaluated references and equals CIDEr (noted on stderr).")
    Path dfFrom;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "Images of --df-from for document frequencies (train also takes restval; 'all' "
                    + "takes every image). Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--counts", paramLabel = "COUNTS.json",
            description = "Object counts per image ({\"image id\": {\"class\": n}}): also computes the object metrics "
                    + "sde, count_abs, count_signed, count_coverage, oversight and hallucination, locally with the "
                    + "default rules parser (means over the images that have counts).")
    Path counts;

    @Option(names = "--compare", paramLabel = "OTHER.json",
            description = "A second results file (e.g. SCST against --results from CE): both columns and their "
                    + "difference (other - results), over the same references.")
    Path compare;

    @Option(names = "--spice",
            description = "Also compute SPICE (Anderson et al. 2016) as SPICE 1.0 defines it: CoreNLP 4.5.10's rule-based "
                    + "scene-graph parser (SPICE's) on the --tokenize'd captions, object/attribute/relation tuples "
                    + "matched on lemmas and WordNet synonyms against the merged graph of the image's references, "
                    + "F-score per image, the mean over images; also per tuple category. Needs CoreNLP's models jar "
                    + "(474 MB): bin/trainer fetches it into the local Maven repository on first use. Loading takes "
                    + "20-40 s; parsing is slow (1-2 captions/s on a busy 2-core machine, every core is used; "
                    + "BENCHMARKS.md), each distinct caption once. Method and checks: docs/metrics.md, SPICE.")
    boolean spice;

    @Option(names = "--json", description = "Print the scores as JSON instead of the table.")
    boolean json;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "3",
            description = "Decimals printed per score (COCOEvalCap prints 3). Default: ${DEFAULT-VALUE}.")
    int digits;

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<CaptionGraphParser> spiceParser;

    public EvaluateCommand() {
        this(System.out, System.err);
    }

    public EvaluateCommand(PrintStream out, PrintStream err) {
        this(out, err, CoreNlpCaptionGraphParser::load);
    }

    /** With the scene-graph parser --spice uses (a test loads CoreNLP's once for several runs). */
    EvaluateCommand(PrintStream out, PrintStream err, Supplier<CaptionGraphParser> spiceParser) {
        this.out = out;
        this.err = err;
        this.spiceParser = spiceParser;
    }

    @Override
    public Integer call() {
        if (digits < 0 || digits > 17) {
            err.println("evaluate: --digits must be in 0..17, got " + digits);
            return 2;
        }
        try {
            CaptionDataset dataset = CaptionDataset.read(annotations);
            CorpusStats stats = null;
            if (dfFrom != null) {
                stats = DocumentFrequencies.load(dfFrom, split, tokenize);
            } else {
                err.println("evaluate: note: no --df-from, so CIDEr-D takes document frequencies from the "
                        + "evaluated references (equal to CIDEr)");
            }
            Map<String, Map<String, Integer>> objectCounts = counts == null ? null : CountDictionaries.read(counts);
            SpiceEvaluator spiceEvaluator = spice ? loadSpice() : null;
            Scores first = score(results, dataset, stats, objectCounts, spiceEvaluator);
            Scores second = compare == null ? null : score(compare, dataset, stats, objectCounts, spiceEvaluator);
            if (json) {
                out.println(toJson(first, second));
                return 0;
            }
            out.println("evaluated " + first.images() + " images of " + results.getFileName()
                    + (second == null ? "" : " and " + second.images() + " of " + compare.getFileName())
                    + " against " + annotations.getFileName() + " (tokenize " + tokenize + ")");
            for (Map.Entry<String, Double> row : first.values().entrySet()) {
                if (second == null) {
                    out.println(row.getKey() + ": " + format(row.getValue()));
                } else {
                    double other = second.values().get(row.getKey());
                    out.println(String.format(Locale.ROOT, "%-17s %10s %10s %+11." + digits + "f", row.getKey() + ":",
                            format(row.getValue()), format(other), other - row.getValue()));
                }
            }
            out.println();
            out.println("METEOR: not computed (its paraphrase table cannot be obtained here). SPICE: "
                    + (spice ? "CoreNLP 4.5.10 scene graphs, WordNet 3.1 synonyms, mean of per-image F (docs/metrics.md)."
                            : "give --spice.")
                    + (counts == null ? " Object metrics: give --counts." : " Object metrics: means over images with counts."));
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("evaluate: " + e.getMessage());
            return 1;
        }
    }

    /** A results file's scores, table row label to value, in table order. */
    private record Scores(int images, Map<String, Double> values) {
    }

    private SpiceEvaluator loadSpice() {
        err.println("evaluate: loading CoreNLP's scene-graph parser for SPICE...");
        return new SpiceEvaluator(spiceParser.get(), Synsets.wordNet());
    }

    private Scores score(Path file, CaptionDataset dataset, CorpusStats stats,
                         Map<String, Map<String, Integer>> objectCounts, SpiceEvaluator spiceEvaluator) throws IOException {
        List<Generated> generated = readResults(file);
        List<CaptionEvaluation.Item> items = matchResults(file, generated, dataset);
        CaptionEvaluation.Result result = CaptionEvaluation.evaluate(items, EnumSet.allOf(Metric.class), stats);
        Map<String, Double> values = new LinkedHashMap<>();
        ROWS.forEach((label, key) -> values.put(label, result.corpus().get(key)));
        if (objectCounts != null) {
            Map<String, ImageEntry> byName = dataset.byName();
            List<ReferenceContext> contexts = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (Generated g : generated) {
                ImageEntry image = byName.get(g.imageId());
                Map<String, Integer> imageCounts = objectCounts.get(image.imageId());
                if (imageCounts != null) {
                    contexts.add(new ReferenceContext(dataset.name(), image.imageId(), image.captions(), imageCounts,
                            List.of()));
                    captions.add(g.caption());
                }
            }
            SignalRegistry objects = new StandardSignals().create(StandardSignals.OBJECT_SIGNALS);
            RegistryEvaluator.means(objects, StandardSignals.OBJECT_SIGNALS, contexts, captions)
                    .forEach((name, stat) -> values.put(name, stat.mean()));
        }
        if (spiceEvaluator != null) {
            Spice.Corpus corpus = spiceEvaluator.evaluate(spiceItems(items),
                    ProgressBar.on(err, "SPICE: parsing " + file.getFileName(), "captions"));
            values.put("SPICE", corpus.spice());
            for (Tuple.Category category : Tuple.Category.values()) {
                values.put("SPICE_" + category.name().toLowerCase(Locale.ROOT), corpus.categories().get(category));
            }
        }
        return new Scores(items.size(), values);
    }

    /** SPICE parses the captions as the other metrics see them (pycocoevalcap tokenises before SPICE too). */
    private static List<SpiceEvaluator.Item> spiceItems(List<CaptionEvaluation.Item> items) {
        return items.stream().map(item -> new SpiceEvaluator.Item(String.join(" ", item.candidate().words()),
                item.references().stream().map(reference -> String.join(" ", reference.words())).toList())).toList();
    }

    private String format(double value) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    private String toJson(Scores first, Scores second) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode a = root.putObject(results.getFileName().toString());
        first.values().forEach(a::put);
        if (second != null) {
            ObjectNode b = root.putObject(compare.getFileName().toString());
            second.values().forEach(b::put);
            ObjectNode difference = root.putObject("difference");
            first.values().forEach((k, v) -> difference.put(k, second.values().get(k) - v));
        }
        root.put("not_computed", "METEOR (no paraphrase table obtainable)" + (spice ? "" : ", SPICE (give --spice)"));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scores as JSON", e);
        }
    }

    private record Generated(String imageId, String caption) {
    }

    private static List<Generated> readResults(Path results) throws IOException {
        JsonNode root = new ObjectMapper().readTree(results.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(results + ": expected a JSON array of {\"image_id\": ..., \"caption\": \"...\"}");
        }
        if (root.isEmpty()) {
            throw new IOException(results + ": no results to evaluate");
        }
        List<Generated> generated = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (!entry.path("image_id").isValueNode() || entry.path("image_id").isNull()
                    || !entry.path("caption").isTextual()) {
                throw new IOException(results + ": entry " + i + " needs an \"image_id\" and a \"caption\" string");
            }
            generated.add(new Generated(entry.get("image_id").asText(), entry.get("caption").asText()));
        }
        return generated;
    }

    private List<CaptionEvaluation.Item> matchResults(Path results, List<Generated> generated, CaptionDataset dataset) {
        Map<String, ImageEntry> byName = dataset.byName();
        Set<ImageEntry> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CaptionEvaluation.Item> items = new ArrayList<>(generated.size());
        for (Generated result : generated) {
            ImageEntry image = byName.get(result.imageId());
            if (image == null) {
                throw new IllegalArgumentException(results + ": image_id " + result.imageId() + " is not in "
                        + annotations);
            }
            if (!seen.add(image)) {
                throw new IllegalArgumentException(results + ": image_id " + result.imageId()
                        + " has more than one caption");
            }
            items.add(new CaptionEvaluation.Item(CaptionTokens.of(tokenize, result.caption()),
                    image.captions().stream().map(caption -> CaptionTokens.of(tokenize, caption)).toList()));
        }
        return items;
    }

    private static Map<String, String> rows() {
        Map<String, String> rows = new LinkedHashMap<>();
        for (int k = 1; k <= 4; k++) {
            rows.put("Bleu_" + k, "bleu_" + k);
        }
        rows.put("ROUGE_L", "rouge_l");
        rows.put("CIDEr", "cider");
        rows.put("CIDEr-D", "cider_d");
        return rows;
    }

    static final class TokenizationConverter implements ITypeConverter<Tokenization> {
        @Override
        public Tokenization convert(String value) {
            return Tokenization.fromOption(value);
        }
    }
}
