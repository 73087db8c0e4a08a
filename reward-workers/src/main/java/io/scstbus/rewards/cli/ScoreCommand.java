package io.scstbus.rewards.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.scstbus.rewards.metrics.CaptionEvaluation;
import io.scstbus.rewards.metrics.CaptionEvaluation.Metric;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.metrics.DocumentFrequencies;
import io.scstbus.rewards.text.Tokenization;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
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
    /**
     * Streaming JSON only (jackson-core): the command reads and writes token by token, and an ObjectMapper
     * would cost every reward-worker command half a second of start-up on one core (picocli builds every
     * subcommand). Created in {@link #call()}.
     */
    private JsonFactory json;
    /** One generator for every id, written into {@link #idText} and taken out per line. */
    private JsonGenerator idCopier;
    private final StringWriter idText = new StringWriter(16);

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
        json = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        idCopier = json.createGenerator(idText);
        idCopier.setRootValueSeparator(null);
        Set<Metric> wanted = EnumSet.copyOf(metrics);
        List<String> ids = new ArrayList<>();
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
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try (JsonGenerator lines = json.createGenerator(writer)) {
            lines.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false); // stdout stays open
            lines.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            for (int i = 0; i < items.size(); i++) {
                lines.writeStartObject();
                lines.writeFieldName("id");
                lines.writeRawValue(ids.get(i));
                for (Map.Entry<String, Double> value : result.items().get(i).entrySet()) {
                    lines.writeNumberField(value.getKey(), value.getValue());
                }
                lines.writeEndObject();
            }
            lines.writeStartObject();
            lines.writeObjectFieldStart("corpus");
            for (Map.Entry<String, Double> value : result.corpus().entrySet()) {
                lines.writeNumberField(value.getKey(), value.getValue());
            }
            lines.writeEndObject();
            lines.writeEndObject();
            lines.writeRaw('\n');
        }
        return 0;
    }

    /** Reads every line; false (after reporting each problem with its line number) if any is invalid. */
    private boolean readInput(List<String> ids, List<CaptionEvaluation.Item> items) throws IOException {
        // One CaptionTokens per distinct text: an image's references recur with each of its candidates.
        TextTable<CaptionTokens> tokens = new TextTable<>();
        int[] errors = {0};
        ByteLines.forEach(in, (buffer, offset, length, lineNumber) -> {
            if (ByteLines.isBlank(buffer, offset, length)) {
                return;
            }
            String problem;
            try (JsonParser parser = json.createParser(buffer, offset, length)) {
                problem = parseLine(parser, ids, items, tokens);
            } catch (JsonProcessingException e) {
                problem = "not valid JSON: " + e.getOriginalMessage();
            }
            if (problem != null && ++errors[0] <= MAX_REPORTED_ERRORS) {
                err.println("score: line " + lineNumber + ": " + problem);
            }
        });
        if (errors[0] > MAX_REPORTED_ERRORS) {
            err.println("score: ... and " + (errors[0] - MAX_REPORTED_ERRORS) + " more invalid lines");
        }
        return errors[0] == 0;
    }

    /** Streams one line's object (no tree of it); the problem with it, or null once its item is added. */
    private String parseLine(JsonParser parser, List<String> ids, List<CaptionEvaluation.Item> items,
                             TextTable<CaptionTokens> tokens) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            String rest = trailing(parser);
            return rest != null ? rest : "expected a JSON object {\"id\": ..., \"candidate\": \"...\", \"references\": [...]}";
        }
        String id = "null";
        JsonToken candidateToken = null;
        CaptionTokens candidate = null;
        JsonToken referencesToken = null;
        List<CaptionTokens> references = new ArrayList<>(8);
        String badReference = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = copyValue(parser);
                case "candidate" -> {
                    candidateToken = value;
                    candidate = value == JsonToken.VALUE_STRING ? tokens(parser, tokens) : null;
                    parser.skipChildren();
                }
                case "references" -> {
                    referencesToken = value;
                    references.clear();
                    badReference = null;
                    if (value == JsonToken.START_ARRAY) {
                        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                            if (t == JsonToken.VALUE_STRING) {
                                references.add(tokens(parser, tokens));
                            } else {
                                if (badReference == null) {
                                    badReference = "\"references\"[" + references.size() + "] must be a string";
                                }
                                references.add(null);
                                parser.skipChildren();
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        String rest = trailing(parser);
        if (rest != null) {
            return rest;
        }
        if (candidateToken != JsonToken.VALUE_STRING) {
            return "\"candidate\" must be a string";
        }
        if (referencesToken != JsonToken.START_ARRAY) {
            return "\"references\" must be an array of strings";
        }
        if (badReference != null) {
            return badReference;
        }
        ids.add(id);
        items.add(new CaptionEvaluation.Item(candidate, references));
        return null;
    }

    /** The tokens of the string at the parser, shared by every occurrence of the same text. */
    private CaptionTokens tokens(JsonParser parser, TextTable<CaptionTokens> tokens) throws IOException {
        return tokens.computeIfAbsent(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(),
                text -> CaptionTokens.of(tokenize, text));
    }

    /** The value at the parser as compact JSON text, to be echoed as it was (ids may be any JSON value). */
    private String copyValue(JsonParser parser) throws IOException {
        idCopier.copyCurrentStructure(parser);
        idCopier.flush();
        String text = idText.toString();
        idText.getBuffer().setLength(0);
        return text;
    }

    /** A problem if anything follows the line's one JSON value. */
    private static String trailing(JsonParser parser) throws IOException {
        try {
            JsonToken next = parser.nextToken();
            return next == null ? null : "not valid JSON: trailing token " + next + " after the object";
        } catch (JsonProcessingException e) {
            return "not valid JSON: " + e.getOriginalMessage();
        }
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
