package io.scstbus.rewards.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The YAML form of {@code reward-worker run --config FILE}: every key is the long name of a run option
 * without its dashes ({@code signals}, {@code stream-threads}, {@code parser}, ...). An absent key leaves the
 * option's default; an option given on the command line overrides the file. Unknown keys and values of
 * the wrong type fail at load, naming the file, the key and what was expected. Kafka connection settings
 * ({@code --bootstrap}, {@code --kafka-properties}) stay on the command line.
 */
record RunConfigFile(
        List<String> signals,
        String group,
        @JsonProperty("worker-id") String workerId,
        @JsonProperty("stream-threads") Integer streamThreads,
        @JsonProperty("signal-deadline") String signalDeadline,
        @JsonProperty("max-caption-chars") Integer maxCaptionChars,
        @JsonProperty("max-caption-words") Integer maxCaptionWords,
        @JsonProperty("max-record-bytes") Integer maxRecordBytes,
        @JsonProperty("state-dir") String stateDir,
        @JsonProperty("standby-replicas") Integer standbyReplicas,
        @JsonProperty("session-timeout") String sessionTimeout,
        @JsonProperty("start-timeout") String startTimeout,
        @JsonProperty("grpc-port") Integer grpcPort,
        @JsonProperty("metrics-port") Integer metricsPort,
        @JsonProperty("df-table") String dfTable,
        String parser,
        @JsonProperty("cache-size") Integer cacheSize,
        @JsonProperty("factual-model") String factualModel,
        @JsonProperty("graph-service") String graphService,
        Integer partitions,
        @JsonProperty("answer-unknown") Boolean answerUnknown,
        @JsonProperty("vocab-kl-window") Integer vocabKlWindow,
        @JsonProperty("transaction-timeout") String transactionTimeout,
        @JsonProperty("record-budget") String recordBudget,
        @JsonProperty("max-candidates") Integer maxCandidates,
        @JsonProperty("commit-interval") String commitInterval) {

    static final RunConfigFile EMPTY = new RunConfigFile(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    static RunConfigFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        try {
            RunConfigFile config = YAML.readValue(file.toFile(), RunConfigFile.class);
            return config == null ? EMPTY : config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("--config " + file + ": unknown key '" + e.getPropertyName() + "'"
                    + "; known keys: " + known, e);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new IllegalArgumentException("--config " + file + ": key '" + key + "'" + line(e) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": not readable YAML: " + e.getMessage(), e);
        }
    }

    private static String line(JsonMappingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    /** Parses an ISO-8601 duration value of this file, naming the key when it is not one. */
    static Duration duration(String key, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--config: key '" + key + "' must be an ISO-8601 duration such as "
                    + "PT2S, got '" + value + "'", e);
        }
    }
}
