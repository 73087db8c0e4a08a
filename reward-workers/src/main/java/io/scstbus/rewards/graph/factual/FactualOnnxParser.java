package io.scstbus.rewards.graph.factual;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * FACTUAL ({@code flan-t5-base-VG-factual-sg}) as a scene-graph parser: an ONNX export in Hugging Face
 * Optimum's layout ({@code encoder_model.onnx}, {@code decoder_model.onnx}, {@code tokenizer.json},
 * {@code config.json}) run through DJL's ONNX Runtime engine and DJL's Hugging Face tokenizer, decoded as
 * FACTUAL's own parser does: input {@code "Generate Scene Graph: " + caption.strip()} truncated to 64 tokens,
 * {@link BeamSearch} with 5 beams, {@code max_length} 128, {@code early_stopping=True}, length penalty 1.0;
 * the output text, special tokens skipped, is read with {@link FactualFormat} (FACTUAL's post-processing).
 *
 * <p>{@link #load} validates everything at start: directory, files, JSON, tokenizer, both graphs, their
 * input and output names, and that tokenizer, config and model agree, by running one decoder step. A
 * problem is a {@link FactualModelException} naming the path. Thread-safe; parses run concurrently.
 */
public final class FactualOnnxParser implements SceneGraphParser, AutoCloseable {

    /** FACTUAL's task prefix. */
    public static final String PROMPT = "Generate Scene Graph: ";
    static final String TOKENIZER_FILE = "tokenizer.json";
    static final List<String> REQUIRED_FILES = List.of(OnnxSeq2Seq.ENCODER_FILE, OnnxSeq2Seq.DECODER_FILE,
            TOKENIZER_FILE, FactualModelConfig.CONFIG);

    /**
     * How to run the model.
     *
     * @param decoding       beam-search settings (FACTUAL: 5 beams, max length 128, early stopping)
     * @param maxInputTokens prompt tokens kept, end-of-sequence included (FACTUAL: 64)
     * @param gpu            CUDA device id, or -1 for the CPU
     * @param intraOpThreads ONNX Runtime threads per operator; 0 leaves ONNX Runtime's default
     */
    public record Options(BeamSearch.Settings decoding, int maxInputTokens, int gpu, int intraOpThreads) {

        /** FACTUAL's settings on the CPU with ONNX Runtime's default threads. */
        public static final Options FACTUAL = new Options(BeamSearch.Settings.FACTUAL, 64, -1, 0);

        public Options {
            Objects.requireNonNull(decoding, "decoding");
            if (maxInputTokens < 2) {
                throw new IllegalArgumentException("maxInputTokens must be >= 2, got " + maxInputTokens);
            }
            if (gpu < -1) {
                throw new IllegalArgumentException("gpu must be a device id >= 0, or -1 for the CPU, got " + gpu);
            }
            if (intraOpThreads < 0) {
                throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = default), got " + intraOpThreads);
            }
        }

        public Options withGpu(int device) {
            return new Options(decoding, maxInputTokens, device, intraOpThreads);
        }

        public Options withIntraOpThreads(int threads) {
            return new Options(decoding, maxInputTokens, gpu, threads);
        }

        public Options withDecoding(BeamSearch.Settings settings) {
            return new Options(settings, maxInputTokens, gpu, intraOpThreads);
        }
    }

    private final Path dir;
    private final HuggingFaceTokenizer tokenizer;
    private final OnnxSeq2Seq model;
    private final BeamSearch search;
    private final String version;

    private FactualOnnxParser(Path dir, HuggingFaceTokenizer tokenizer, OnnxSeq2Seq model, BeamSearch search,
                              String version) {
        this.dir = dir;
        this.tokenizer = tokenizer;
        this.model = model;
        this.search = search;
        this.version = version;
    }

    /** Loads the model in {@code modelDir} with FACTUAL's settings on the CPU. */
    public static FactualOnnxParser load(Path modelDir) {
        return load(modelDir, Options.FACTUAL);
    }

    /** Loads and checks the model in {@code modelDir}; a {@link FactualModelException} says what is wrong. */
    public static FactualOnnxParser load(Path modelDir, Options options) {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(options, "options");
        Path dir = modelDir.toAbsolutePath().normalize();
        checkFiles(dir);
        ObjectMapper json = new ObjectMapper();
        FactualModelConfig config = FactualModelConfig.read(dir, json);
        int tokenizerVocab = tokenizerVocabularySize(dir.resolve(TOKENIZER_FILE), json);
        DjlDefaults.apply();
        HuggingFaceTokenizer tokenizer = loadTokenizer(dir.resolve(TOKENIZER_FILE), options.maxInputTokens());
        OnnxSeq2Seq model = null;
        try {
            model = OnnxSeq2Seq.load(dir, options.gpu(), options.intraOpThreads());
            BeamSearch search = new BeamSearch(options.decoding(), config.decoderStartTokenId(), config.eosTokenId());
            FactualOnnxParser parser = new FactualOnnxParser(dir, tokenizer, model, search, fingerprint(dir));
            parser.checkAgreement(config, tokenizerVocab);
            return parser;
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    private static void checkFiles(Path dir) {
        if (!Files.exists(dir)) {
            throw new FactualModelException(dir, "directory does not exist (export FACTUAL to ONNX first, "
                    + "see docs/factual-parser.md)");
        }
        if (!Files.isDirectory(dir)) {
            throw new FactualModelException(dir, "is not a directory; give the directory of the ONNX export");
        }
        List<String> missing = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String file : REQUIRED_FILES) {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                missing.add(file);
            } else if (!Files.isReadable(path)) {
                unreadable.add(file);
            }
        }
        if (!missing.isEmpty()) {
            throw new FactualModelException(dir, "missing " + String.join(", ", missing) + " (expected "
                    + String.join(", ", REQUIRED_FILES) + ", as optimum-cli export onnx writes them)");
        }
        if (!unreadable.isEmpty()) {
            throw new FactualModelException(dir, "cannot read " + String.join(", ", unreadable)
                    + " (file permissions)");
        }
    }

    private static HuggingFaceTokenizer loadTokenizer(Path path, int maxInputTokens) {
        try {
            return HuggingFaceTokenizer.newInstance(path, Map.of("addSpecialTokens", "true", "truncation", "true",
                    "padding", "false", "maxLength", Integer.toString(maxInputTokens)));
        } catch (IOException | RuntimeException e) {
            throw new FactualModelException(path, "cannot be loaded by the Hugging Face tokenizers library", e);
        }
    }

    /** Ids the tokenizer can produce: its model vocabulary plus its added tokens. */
    private static int tokenizerVocabularySize(Path path, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(path.toFile());
        } catch (IOException e) {
            throw new FactualModelException(path, "cannot be read as JSON", e);
        }
        JsonNode vocab = root == null ? null : root.path("model").get("vocab");
        if (vocab == null || !(vocab.isObject() || vocab.isArray())) {
            throw new FactualModelException(path, "has no model.vocab; not a Hugging Face tokenizer.json");
        }
        long size = vocab.size();
        if (vocab.isObject()) {
            for (JsonNode id : vocab) {
                size = Math.max(size, id.asLong() + 1);
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            size = Math.max(size, added.path("id").asLong() + 1);
        }
        return Math.toIntExact(size);
    }

    /** One encoder run and one decoder step at load: the parts must fit, or training would fail later. */
    private void checkAgreement(FactualModelConfig config, int tokenizerVocab) {
        Path tokenizerPath = dir.resolve(TOKENIZER_FILE);
        long[] ids = tokenizer.encode(PROMPT + "a plane").getIds();
        if (ids.length == 0 || ids[ids.length - 1] != config.eosTokenId()) {
            throw new FactualModelException(tokenizerPath, "does not end an input with eos_token_id "
                    + config.eosTokenId() + " of config.json (T5 tokenizers append </s>); tokenizer and model "
                    + "do not match");
        }
        float[][] logits;
        try (OnnxSeq2Seq.Run run = model.start(ids, ones(ids.length), search.settings().numBeams())) {
            long[][] start = new long[search.settings().numBeams()][];
            Arrays.fill(start, new long[] {config.decoderStartTokenId()});
            logits = run.nextTokenLogits(start);
        } catch (FactualModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FactualModelException(dir, "a test run of encoder and decoder failed", e);
        }
        int modelVocab = logits[0].length;
        if (config.vocabSize() > 0 && config.vocabSize() != modelVocab) {
            throw new FactualModelException(dir.resolve(FactualModelConfig.CONFIG), "states vocab_size "
                    + config.vocabSize() + " but " + OnnxSeq2Seq.DECODER_FILE + " gives " + modelVocab + " logits");
        }
        if (tokenizerVocab > modelVocab) {
            throw new FactualModelException(tokenizerPath, "has " + tokenizerVocab + " tokens but the model only "
                    + modelVocab + "; tokenizer and model do not match");
        }
        long maxId = Math.max(config.decoderStartTokenId(), Math.max(config.eosTokenId(), config.padTokenId()));
        if (maxId >= modelVocab) {
            throw new FactualModelException(dir.resolve(FactualModelConfig.CONFIG), "token id " + maxId
                    + " is outside the model's " + modelVocab + " logits");
        }
    }

    private static long[] ones(int n) {
        long[] mask = new long[n];
        Arrays.fill(mask, 1L);
        return mask;
    }

    /** Names the model by its files, so signal versions change when the model does. */
    private static String fingerprint(Path dir) {
        CRC32 crc = new CRC32();
        try {
            for (String file : List.of(FactualModelConfig.CONFIG, TOKENIZER_FILE)) {
                try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                    crc.update(in.readAllBytes());
                }
            }
            for (String file : List.of(OnnxSeq2Seq.ENCODER_FILE, OnnxSeq2Seq.DECODER_FILE)) {
                crc.update(Long.toString(Files.size(dir.resolve(file))).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new FactualModelException(dir, "cannot read the model files", e);
        }
        return String.format(Locale.ROOT, "factual-onnx/1:%08x", crc.getValue());
    }

    @Override
    public SceneGraph parse(String caption) {
        if (caption == null || caption.isBlank()) {
            return SceneGraph.EMPTY;
        }
        return FactualFormat.read(generate(caption));
    }

    /** FACTUAL's raw output text for {@code caption}, special tokens removed, before post-processing. */
    public String generate(String caption) {
        Encoding encoding = tokenizer.encode(PROMPT + caption.strip());
        long[] ids = encoding.getIds();
        try (OnnxSeq2Seq.Run run = model.start(ids, encoding.getAttentionMask(), search.settings().numBeams())) {
            BeamSearch.Result best = search.search(run::nextTokenLogits);
            return tokenizer.decode(best.tokens(), true).strip();
        } catch (RuntimeException e) {
            throw new IllegalStateException("FACTUAL model " + dir + " failed on a caption of " + caption.length()
                    + " characters: " + e.getMessage(), e);
        }
    }

    /** {@code factual-onnx/1:} and a checksum of the model's config, tokenizer and graph sizes. */
    @Override
    public String version() {
        return version;
    }

    public Path modelDir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
