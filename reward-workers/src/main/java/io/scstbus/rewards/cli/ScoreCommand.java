package io.scstbus.rewards.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.rewards.metrics.CaptionEvaluation;
import io.scstbus.rewards.metrics.CaptionEvaluation.Metric;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.metrics.DocumentFrequencies;
import io.scstbus.rewards.text.Tokenization;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code reward-worker score}: captioning metrics for JSON lines on stdin, one JSON line per input on
 * stdout, then the corpus values. The streams are injectable for tests.
 */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Score captions with pycocoevalcap's BLEU-1..4, ROUGE-L and CIDEr, and self-critical's CIDEr-D.",
            "Reads JSON lines {\"id\": ..., \"candidate\": \"...\", \"references\": [\"...\", ...]} on stdin "
                + "(blank lines are skipped) and writes, in input order, one line per item with the "
                + "requested keys (bleu_1..bleu_4, rouge_l, cider, cider_d), then one line "
                + "{\"corpus\": {...}}: corpus BLEU from summed statistics, the mean over items otherwise.",
            "cider takes its document frequencies from the references of the whole input (pycocoevalcap), "
                + "so an input of one item scores 0."
        },
        footer = {
            "",
            "Empty candidates, empty references and non-ASCII text are valid. An invalid line is reported "
                + "on stderr with its line number; nothing is written to stdout and the exit status is 1.",
            "Exit status: 0 scored, 1 invalid input or unreadable file, 2 bad command line."
        })
public final class ScoreCommand implements Callable<Integer> {

    private static final int MAX_REPORTED_ERRORS = 20;

    @Option(names = "--metrics", split = ",", paramLabel = "METRIC", defaultValue = "bleu,rouge_l,cider,cider_d",
            converter = MetricConverter.class,
            description = "Comma-separated metrics among bleu (bleu_1..bleu_4), rouge_l, cider, cider_d. "
                    + "Default: ${DEFAULT-VALUE}.")
    List<Metric> metrics;

    @Option(names = "--tokenize", paramLabel = "MODE", defaultValue = "ptb", converter = TokenizationConverter.class,
            description = "ptb: pycocoevalcap's PTB tokenizer (lower-cased, punctuation dropped), applied to "
                    + "candidates, references and --df-from captions; none: text is used as given and split on "
                    + "whitespace (ROUGE-L on single spaces, as pycocoevalcap does). Default: ${DEFAULT-VALUE}.")
    Tokenization tokenize;

    @Option(names = "--df-from", paramLabel = "DATASET_FILE",
            description = "Fixed document frequencies for cider_d: a Karpathy dataset.json or COCO caption "
                    + "annotation file (one document per image, all its captions, tokenised per --tokenize), "
                    + "or a table saved by --save-df (first line #D=<images>). Without it cider_d takes its "
                    + "document frequencies from the input's references (self-critical's df='corpus'), which "
                    + "makes it equal to cider; a note on stderr says so.")
    Path dfFrom;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "Images of --df-from used for document frequencies: a Karpathy split (train also "
                    + "takes restval, as self-critical's prepro_ngrams does) or 'all'. COCO annotation files "
                    + "have no split: all their images are used. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--save-df", paramLabel = "FILE",
            description = "Also write the document-frequency table built from --df-from to FILE, to load it "
                    + "later with --df-from FILE or in a reward worker.")
    Path saveDf;

    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    public ScoreCommand() {
        this(System.in, System.out, System.err);
    }

    public ScoreCommand(InputStream in, OutputStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        Set<Metric> wanted = EnumSet.copyOf(metrics);
        List<JsonNode> ids = new ArrayList<>();
        List<CaptionEvaluation.Item> items = new ArrayList<>();
        if (!readInput(ids, items)) {
            return 1;
        }
        CorpusStats stats = null;
        if (dfFrom != null) {
            try {
                stats = DocumentFrequencies.load(dfFrom, split, tokenize);
            } catch (IOException | IllegalArgumentException e) {
                err.println("score: cannot use --df-from " + dfFrom + ": " + e.getMessage());
                return 1;
            }
            if (saveDf != null) {
                stats.save(saveDf);
            }
        } else if (wanted.contains(Metric.CIDER_D)) {
            err.println("score: note: no --df-from, so cider_d takes document frequencies from the input's "
                    + "references (equal to cider)");
        }
        CaptionEvaluation.Result result = CaptionEvaluation.evaluate(items, wanted, stats);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.set("id", ids.get(i));
            result.items().get(i).forEach(line::put);
            writer.write(json.writeValueAsString(line));
            writer.write('\n');
        }
        ObjectNode corpus = JsonNodeFactory.instance.objectNode();
        result.corpus().forEach(corpus::put);
        writer.write(json.writeValueAsString(Map.of("corpus", corpus)));
        writer.write('\n');
        writer.flush();
        return 0;
    }

    /** Reads every line; false (after reporting each problem with its line number) if any is invalid. */
    private boolean readInput(List<JsonNode> ids, List<CaptionEvaluation.Item> items) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        int errors = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String problem;
            try {
                problem = parseLine(json.readTree(line), ids, items);
            } catch (JsonProcessingException e) {
                problem = "not valid JSON: " + e.getOriginalMessage();
            }
            if (problem != null) {
                errors++;
                if (errors <= MAX_REPORTED_ERRORS) {
                    err.println("score: line " + lineNumber + ": " + problem);
                }
            }
        }
        if (errors > MAX_REPORTED_ERRORS) {
            err.println("score: ... and " + (errors - MAX_REPORTED_ERRORS) + " more invalid lines");
        }
        return errors == 0;
    }

    private String parseLine(JsonNode node, List<JsonNode> ids, List<CaptionEvaluation.Item> items) {
        if (node == null || !node.isObject()) {
            return "expected a JSON object {\"id\": ..., \"candidate\": \"...\", \"references\": [...]}";
        }
        JsonNode candidate = node.get("candidate");
        if (candidate == null || !candidate.isTextual()) {
            return "\"candidate\" must be a string";
        }
        JsonNode references = node.get("references");
        if (references == null || !references.isArray()) {
            return "\"references\" must be an array of strings";
        }
        List<CaptionTokens> refs = new ArrayList<>(references.size());
        for (int i = 0; i < references.size(); i++) {
            if (!references.get(i).isTextual()) {
                return "\"references\"[" + i + "] must be a string";
            }
            refs.add(CaptionTokens.of(tokenize, references.get(i).asText()));
        }
        ids.add(node.has("id") ? node.get("id") : JsonNodeFactory.instance.nullNode());
        items.add(new CaptionEvaluation.Item(CaptionTokens.of(tokenize, candidate.asText()), refs));
        return null;
    }

    static final class MetricConverter implements ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            return Metric.fromOption(value);
        }
    }

    static final class TokenizationConverter implements ITypeConverter<Tokenization> {
        @Override
        public Tokenization convert(String value) {
            return Tokenization.fromOption(value);
        }
    }
}
