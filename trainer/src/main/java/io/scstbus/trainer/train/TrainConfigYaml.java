package io.scstbus.trainer.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scstbus.trainer.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * YAML for {@link TrainConfig}. A file may name {@code preset: smoke|demo} (default demo, or the caller's); every other
 * key overrides that preset's value, objects merged key by key, lists and maps of signals replaced
 * whole. Unknown keys and invalid values fail with the field's path. Setting only {@code data.root} of a
 * synthetic preset moves its generated files (annotations, images, counts) there too. A {@code data}
 * block that names {@code annotations} is a dataset of one's own: it replaces the preset's dataset
 * whole (no synthetic block, counts file or image caps carried over). {@code model.preset:
 * tiny|small|medium|large} starts the model from that size, the block's other keys overriding it.
 *
 * <pre>
 * preset: smoke
 * run_id: my-run
 * model:
 *   preset: small
 *   decoder: transformer
 * scst:
 *   steps: 20
 *   baseline: leave_one_out
 *   signals: {cider_d: 1.0, count_abs: -0.5}
 * </pre>
 */
public final class TrainConfigYaml {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The preset a run file without {@code preset:} starts from. */
    public static final String DEFAULT_PRESET = "demo";

    private TrainConfigYaml() {
    }

    public static TrainConfig load(Path file) throws IOException {
        return load(file, DEFAULT_PRESET);
    }

    /** As {@link #load(Path)}, with the preset used when the file names none (e.g. from {@code --preset}). */
    public static TrainConfig load(Path file, String defaultPreset) throws IOException {
        try {
            return parse(Files.readString(file), defaultPreset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static TrainConfig parse(String yaml) {
        return parse(yaml, DEFAULT_PRESET);
    }

    public static TrainConfig parse(String yaml, String defaultPreset) {
        JsonNode overrides;
        try {
            overrides = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (overrides == null || overrides.isMissingNode() || overrides.isNull()) {
            overrides = YAML.createObjectNode();
        }
        if (!overrides.isObject()) {
            throw new IllegalArgumentException("a run file must be a YAML mapping, got " + overrides.getNodeType());
        }
        ObjectNode file = (ObjectNode) overrides;
        JsonNode preset = file.remove("preset");
        String presetName = preset == null || preset.isNull() ? defaultPreset : preset.asText();
        TrainConfig start = TrainConfig.preset(presetName);
        JsonNode data = file.get("data");
        if (data != null && data.isObject() && data.has("root") && start.data().synthetic() != null
                && !data.has("annotations") && !data.has("images") && !data.has("counts")) {
            // moving a preset's synthetic dataset moves its files with it
            start = start.withData(start.data().withRoot(data.get("root").asText()));
        }
        ObjectNode base = YAML.valueToTree(start);
        if (data != null && data.isObject() && data.has("annotations")) {
            // a dataset of one's own replaces the preset's whole: no synthetic block, counts or image caps left over
            base.putObject("data").put("max_train_images", 0).put("max_val_images", 0);
        }
        JsonNode model = file.get("model");
        if (model != null && model.isObject() && model.has("preset")) {
            JsonNode size = ((ObjectNode) model).remove("preset");
            base.set("model", YAML.valueToTree(ModelConfig.preset(size.asText())));
        }
        merge(base, file);
        try {
            return YAML.treeToValue(base, TrainConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown key '" + e.getPropertyName() + "' at " + path(e)
                    + "; known: " + e.getKnownPropertyIds(), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid value at " + path(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String write(TrainConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run configuration as YAML", e);
        }
    }

    /** The mapper with the run file's conventions, for other snake_case documents (summaries, state). */
    static ObjectMapper mapper() {
        return YAML;
    }

    private static void merge(ObjectNode base, ObjectNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            boolean replaceWhole = field.getKey().equals("signals") || field.getKey().equals("annotations");
            if (!replaceWhole && existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder out = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
            }
            return out.length() == 0 ? "top level" : out.toString();
        }
        return "?";
    }
}
