package io.scstbus.rewards.graph.factual;

import static io.scstbus.rewards.graph.factual.OnnxModelWriter.FLOAT;
import static io.scstbus.rewards.graph.factual.OnnxModelWriter.INT64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny stand-in for a FACTUAL export, in Optimum's layout and with its input and output names, written
 * by the tests: a WordLevel {@code tokenizer.json} that appends {@code </s>} like T5's, a {@code config.json},
 * and two ONNX graphs.
 * <ul>
 *   <li>Encoder: {@code last_hidden_state = embedding[input_ids] * attention_mask}; the embedding of
 *       {@code ship}/{@code ships} adds 2 to the logit of {@code ship}, every other row is zero.</li>
 *   <li>Decoder: {@code logits[b, p] = table[p] + sum over s of encoder_hidden_states[b, s] * mask[b, s]}:
 *       row p of a constant table, gathered by the position of the decoder token, makes the next token
 *       {@link #TARGET}'s token p+1 (margin 20), then {@code </s>}. Where the target names the entity the table
 *       prefers {@code plane} by 1 only, so a caption with {@code ship} in it turns both entities into ships.</li>
 * </ul>
 */
public final class TinyFactualModel {

    public static final String TARGET = "( plane , is , 3 ) , ( plane , park on , runway )";
    static final List<String> VOCAB = List.of("<pad>", "</s>", "<unk>", "(", ")", ",", "is", "3", "plane", "ship",
            "park", "on", "runway", "Generate", "Scene", "Graph:", "three", "planes", "ships", "parked", "the",
            "at", "white", "a");
    static final int PAD = 0;
    static final int EOS = 1;
    static final int POSITIONS = 128;

    private TinyFactualModel() {
    }

    /** Writes a complete, consistent model directory. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeEncoder(dir.resolve("encoder_model.onnx"));
        writeDecoder(dir.resolve("decoder_model.onnx"), "input_ids");
        writeTokenizer(dir.resolve("tokenizer.json"), List.of());
        writeConfig(dir.resolve("config.json"), EOS);
        return dir;
    }

    static void writeEncoder(Path file) throws IOException {
        int v = VOCAB.size();
        float[] embedding = new float[v * v];
        int ship = VOCAB.indexOf("ship");
        for (String word : List.of("ship", "ships")) {
            embedding[VOCAB.indexOf(word) * v + ship] = 2f;
        }
        byte[] model = new OnnxModelWriter("tiny-encoder", 13)
                .input("input_ids", INT64, "batch", "sequence")
                .input("attention_mask", INT64, "batch", "sequence")
                .output("last_hidden_state", FLOAT, "batch", "sequence", v)
                .floats("embedding", embedding, v, v)
                .longs("axis2", new long[] {2}, 1)
                .node("Gather", List.of("embedding", "input_ids"), List.of("embedded"), "axis", 0)
                .node("Cast", List.of("attention_mask"), List.of("mask_f"), "to", FLOAT)
                .node("Unsqueeze", List.of("mask_f", "axis2"), List.of("mask_3"))
                .node("Mul", List.of("embedded", "mask_3"), List.of("last_hidden_state"))
                .toBytes();
        Files.write(file, model);
    }

    /** The decoder; {@code idsInput} renames its first input to make a graph Optimum would not write. */
    static void writeDecoder(Path file, String idsInput) throws IOException {
        int v = VOCAB.size();
        List<Integer> target = new ArrayList<>();
        for (String token : TARGET.split(" ")) {
            target.add(VOCAB.indexOf(token));
        }
        float[] table = new float[POSITIONS * v];
        for (int p = 0; p < POSITIONS; p++) {
            int next = p < target.size() ? target.get(p) : EOS;
            table[p * v + next] = 20f;
            if (next == VOCAB.indexOf("plane")) {
                table[p * v + next] = 10f;
                table[p * v + VOCAB.indexOf("ship")] = 9f;
            }
        }
        byte[] model = new OnnxModelWriter("tiny-decoder", 13)
                .input(idsInput, INT64, "batch", "decoder_sequence")
                .input("encoder_attention_mask", INT64, "batch", "encoder_sequence")
                .input("encoder_hidden_states", FLOAT, "batch", "encoder_sequence", v)
                .output("logits", FLOAT, "batch", "decoder_sequence", v)
                .floats("table", table, POSITIONS, v)
                .longs("zero", new long[] {0})
                .longs("one", new long[] {1})
                .longs("axis1", new long[] {1}, 1)
                .longs("axis2", new long[] {2}, 1)
                .node("Shape", List.of(idsInput), List.of("ids_shape"))
                .node("Gather", List.of("ids_shape", "one"), List.of("length"), "axis", 0)
                .node("Range", List.of("zero", "length", "one"), List.of("positions"))
                .node("Gather", List.of("table", "positions"), List.of("rows"), "axis", 0)
                .node("Cast", List.of("encoder_attention_mask"), List.of("mask_f"), "to", FLOAT)
                .node("Unsqueeze", List.of("mask_f", "axis2"), List.of("mask_3"))
                .node("Mul", List.of("encoder_hidden_states", "mask_3"), List.of("masked"))
                .node("ReduceSum", List.of("masked", "axis1"), List.of("pooled"), "keepdims", 1)
                .node("Add", List.of("pooled", "rows"), List.of("logits"))
                .toBytes();
        Files.write(file, model);
    }

    /** A WordLevel tokenizer over {@link #VOCAB} plus {@code extraTokens}, appending {@code </s>} as T5 does. */
    static void writeTokenizer(Path file, List<String> extraTokens) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < 3; id++) {
            added.addObject().put("id", id).put("content", VOCAB.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "</s>").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "</s>").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "</s>").put("type_id", 0);
        ObjectNode eos = post.putObject("special_tokens").putObject("</s>");
        eos.put("id", "</s>");
        eos.putArray("ids").add(EOS);
        eos.putArray("tokens").add("</s>");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        List<String> all = new ArrayList<>(VOCAB);
        all.addAll(extraTokens);
        for (int id = 0; id < all.size(); id++) {
            vocab.put(all.get(id), id);
        }
        model.put("unk_token", "<unk>");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    static void writeConfig(Path file, int eosTokenId) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.put("model_type", "t5");
        config.put("is_encoder_decoder", true);
        config.put("decoder_start_token_id", PAD);
        config.put("eos_token_id", eosTokenId);
        config.put("pad_token_id", PAD);
        config.put("vocab_size", VOCAB.size());
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
    }
}
