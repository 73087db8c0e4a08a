package io.scstbus.rewards.graph.factual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.SceneGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactualOnnxParserTest {

    private static final FactualOnnxParser.Options ONE_THREAD =
            FactualOnnxParser.Options.FACTUAL.withIntraOpThreads(1);

    @TempDir
    static Path shared;

    private static FactualOnnxParser parser;

    @BeforeAll
    static void loadTinyModel() throws IOException {
        parser = FactualOnnxParser.load(TinyFactualModel.write(shared.resolve("tiny")), ONE_THREAD);
    }

    @AfterAll
    static void close() {
        if (parser != null) {
            parser.close();
        }
    }

    @Test
    void decodesTheModelsGraph() {
        assertEquals(TinyFactualModel.TARGET, parser.generate("three planes parked at the runway"));

        SceneGraph graph = parser.parse("three planes parked at the runway");
        assertEquals(FactualFormat.read(TinyFactualModel.TARGET), graph);
        assertEquals(3, graph.entity("plane").orElseThrow().count());
        assertEquals("park on", graph.relations().get(0).predicate());
        assertEquals("runway", graph.relations().get(0).object());
    }

    @Test
    void encoderOutputReachesTheDecoder() {
        assertEquals("( ship , is , 3 ) , ( ship , park on , runway )", parser.generate("three ships"));
    }

    @Test
    void blankCaptionIsTheEmptyGraph() {
        assertSame(SceneGraph.EMPTY, parser.parse("  "));
        assertSame(SceneGraph.EMPTY, parser.parse(""));
    }

    @Test
    void longCaptionsAreTruncatedNotRejected() {
        String longCaption = "three planes ".repeat(200);
        assertEquals(TinyFactualModel.TARGET, parser.generate(longCaption));
    }

    @Test
    void concurrentParsesAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String caption = i % 2 == 0 ? "a white plane" : "a white ship";
                results.add(pool.submit(() -> parser.generate(caption)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i % 2 == 0 ? "plane" : "ship", results.get(i).get().split(" ")[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void versionNamesTheBackendAndChangesWithTheModel(@TempDir Path dir) throws IOException {
        assertTrue(parser.version().startsWith("factual-onnx/1:"), parser.version());
        Path same = TinyFactualModel.write(dir.resolve("same"));
        try (FactualOnnxParser copy = FactualOnnxParser.load(same, ONE_THREAD)) {
            assertEquals(parser.version(), copy.version());
        }
        Files.writeString(same.resolve("config.json"),
                Files.readString(same.resolve("config.json")).replace("{", "{\"finetuned\": \"again\","));
        try (FactualOnnxParser changed = FactualOnnxParser.load(same, ONE_THREAD)) {
            assertNotEquals(parser.version(), changed.version());
        }
    }

    @Test
    void missingDirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-model");
        FactualModelException e = assertThrows(FactualModelException.class, () -> FactualOnnxParser.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void fileInsteadOfDirectoryIsNamed(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("model.onnx"), "x");
        FactualModelException e = assertThrows(FactualModelException.class, () -> FactualOnnxParser.load(file));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void missingFilesAreListed(@TempDir Path dir) throws IOException {
        Path model = TinyFactualModel.write(dir.resolve("m"));
        Files.delete(model.resolve("decoder_model.onnx"));
        Files.delete(model.resolve("tokenizer.json"));
        FactualModelException e = assertThrows(FactualModelException.class, () -> FactualOnnxParser.load(model));
        assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing decoder_model.onnx, tokenizer.json"), e.getMessage());
    }

    @Test
    void brokenOnnxIsNamed(@TempDir Path dir) throws IOException {
        Path model = TinyFactualModel.write(dir.resolve("m"));
        Files.write(model.resolve("decoder_model.onnx"), "not a protobuf at all".getBytes(StandardCharsets.UTF_8));
        FactualModelException e = assertThrows(FactualModelException.class,
                () -> FactualOnnxParser.load(model, ONE_THREAD));
        assertEquals(model.resolve("decoder_model.onnx"), e.path());
        assertTrue(e.getMessage().contains("is not a loadable ONNX model"), e.getMessage());
    }

    @Test
    void truncatedOnnxIsNamed(@TempDir Path dir) throws IOException {
        Path model = TinyFactualModel.write(dir.resolve("m"));
        byte[] encoder = Files.readAllBytes(model.resolve("encoder_model.onnx"));
        Files.write(model.resolve("encoder_model.onnx"), Arrays.copyOf(encoder, encoder.length / 2));
        FactualModelException e = assertThrows(FactualModelException.class,
                () -> FactualOnnxParser.load(model, ONE_THREAD));
        assertEquals(model.resolve("encoder_model.onnx"), e.path());
    }

    @Test
    void decoderWithOtherInputsIsRejected(@TempDir Path dir) throws IOException {
        Path model = TinyFactualModel.write(dir.resolve("m"));
        TinyFactualModel.writeDecoder(model.resolve("decoder_model.onnx"), "decoder_input_ids");
        FactualModelException e = assertThrows(FactualModelException.class,
                () -> FactualOnnxParser.load(model, ONE_THREAD));
        assertTrue(e.getMessage().contains("decoder_input_ids"), e.getMessage());
        assertTrue(e.getMessage().contains(
                "expected exactly [input_ids, encoder_attention_mask, encoder_hidden_states]"), e.getMessage());
    }

    @Test
    void tokenizerLargerThanTheModelIsAMismatch(@TempDir Path dir) throws IOException {
        Path model = TinyFactualModel.write(dir.resolve("m"));
        TinyFactualModel.writeTokenizer(model.resolve("tokenizer.json"), List.of("harbor", "storage", "tank"));
        FactualModelException e = assertThrows(FactualModelException.class,
                () -> FactualOnnxParser.load(model, ONE_THREAD));
        assertEquals(model.resolve("tokenizer.json"), e.path());
        assertTrue(e.getMessage().contains("has 27 tokens but the model only 24"), e.getMessage());
    }

    @Test
    void eosOfAnotherTokenizerIsAMismatch(@TempDir Path dir) throws IOException {
        Path model = TinyFactualModel.write(dir.resolve("m"));
        TinyFactualModel.writeConfig(model.resolve("config.json"), 2);
        FactualModelException e = assertThrows(FactualModelException.class,
                () -> FactualOnnxParser.load(model, ONE_THREAD));
        assertTrue(e.getMessage().contains("does not end an input with eos_token_id 2"), e.getMessage());
    }

    @Test
    void brokenTokenizerAndConfigAreNamed(@TempDir Path dir) throws IOException {
        Path model = TinyFactualModel.write(dir.resolve("m"));
        Files.writeString(model.resolve("tokenizer.json"), "{\"model\": {\"vocab\": {\"a\": 0}, \"type\": \"Nope\"}}");
        FactualModelException e = assertThrows(FactualModelException.class, () -> FactualOnnxParser.load(model));
        assertEquals(model.resolve("tokenizer.json"), e.path());
        assertTrue(e.getMessage().contains("cannot be loaded by the Hugging Face tokenizers library"), e.getMessage());

        Files.writeString(model.resolve("config.json"), "{\"model_type\": \"t5\"}");
        e = assertThrows(FactualModelException.class, () -> FactualOnnxParser.load(model));
        assertTrue(e.getMessage().contains("config.json: has no decoder_start_token_id"), e.getMessage());
    }
}
