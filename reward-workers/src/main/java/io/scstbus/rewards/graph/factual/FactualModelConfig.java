package io.scstbus.rewards.graph.factual;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The token ids decoding needs, from the export's {@code config.json} (with {@code generation_config.json}
 * as fallback, where newer exports keep them), and the vocabulary size when the config states one.
 *
 * @param decoderStartTokenId first decoder token (T5: the pad token, 0)
 * @param eosTokenId          end of sequence (T5: {@code </s>}, 1)
 * @param padTokenId          padding (T5: 0)
 * @param vocabSize           the model's vocabulary (T5: 32128), or -1 when not stated
 */
record FactualModelConfig(long decoderStartTokenId, long eosTokenId, long padTokenId, int vocabSize) {

    static final String CONFIG = "config.json";
    static final String GENERATION_CONFIG = "generation_config.json";

    static FactualModelConfig read(Path dir, ObjectMapper json) {
        JsonNode config = readJson(dir.resolve(CONFIG), json);
        Path generationPath = dir.resolve(GENERATION_CONFIG);
        JsonNode generation = Files.isRegularFile(generationPath) ? readJson(generationPath, json) : null;
        long start = tokenId(dir, config, generation, "decoder_start_token_id");
        long eos = tokenId(dir, config, generation, "eos_token_id");
        long pad = tokenId(dir, config, generation, "pad_token_id");
        JsonNode vocab = config.get("vocab_size");
        int vocabSize = vocab != null && vocab.canConvertToInt() ? vocab.intValue() : -1;
        if (vocab != null && (!vocab.canConvertToInt() || vocabSize < 2)) {
            throw new FactualModelException(dir.resolve(CONFIG), "vocab_size must be an integer >= 2, got " + vocab);
        }
        return new FactualModelConfig(start, eos, pad, vocabSize);
    }

    private static JsonNode readJson(Path path, ObjectMapper json) {
        try {
            JsonNode node = json.readTree(path.toFile());
            if (node == null || !node.isObject()) {
                throw new FactualModelException(path, "is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new FactualModelException(path, "cannot be read as JSON", e);
        }
    }

    private static long tokenId(Path dir, JsonNode config, JsonNode generation, String key) {
        JsonNode value = config.get(key);
        if ((value == null || value.isNull()) && generation != null) {
            value = generation.get(key);
        }
        if (value != null && value.isArray() && value.size() == 1) {
            value = value.get(0); // newer configs may list a single EOS
        }
        if (value == null || value.isNull()) {
            throw new FactualModelException(dir.resolve(CONFIG), "has no " + key
                    + " (nor has " + GENERATION_CONFIG + "); T5 exports state decoder_start_token_id, "
                    + "eos_token_id and pad_token_id");
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw new FactualModelException(dir.resolve(CONFIG), key + " must be one token id >= 0, got " + value);
        }
        return value.longValue();
    }
}
