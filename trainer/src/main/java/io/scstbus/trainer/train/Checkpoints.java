package io.scstbus.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scstbus.trainer.data.Vocabulary;
import ai.djl.ndarray.NDManager;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.model.Captioners;
import io.scstbus.trainer.model.EncoderDecoderCaptioner;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoint folders: {@code <root>/<run id>/ce<epochs>-scst<steps>/} with {@code model.params},
 * {@code optimizer.bin}, {@code vocabulary.json}, {@code state.json} and {@code config.yaml}. A
 * checkpoint is written to a temporary folder and renamed, then {@code <root>/<run id>/latest} is
 * pointed at it, so a crash mid-write leaves the previous checkpoint as the latest. {@code best_ce} and
 * {@code best_scst} point at the checkpoints evaluated after each phase; pruning to {@code keep}
 * counts and removes only the others.
 */
public final class Checkpoints {

    public static final String MODEL = "model.params";
    public static final String OPTIMIZER = "optimizer.bin";
    public static final String VOCABULARY = "vocabulary.json";
    public static final String STATE = "state.json";
    public static final String CONFIG = "config.yaml";
    public static final String LATEST = "latest";
    /** Pointer to the checkpoint written at the end of cross-entropy (the one evaluated "after CE"). */
    public static final String BEST_CE = "best_ce";
    /** Pointer to the checkpoint written at the end of SCST (the one evaluated "after SCST"). */
    public static final String BEST_SCST = "best_scst";

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Checkpoints() {
    }

    public static String name(int ceEpochs, long scstSteps) {
        return String.format(java.util.Locale.ROOT, "ce%04d-scst%08d", ceEpochs, scstSteps);
    }

    public static Path save(Path root, TrainingContext context, int keep) throws IOException {
        CheckpointState state = context.state();
        Path runDir = root.resolve(state.runId());
        Files.createDirectories(runDir);
        String name = name(state.ceEpochsDone(), state.scstStepsDone());
        Path tmp = Files.createTempDirectory(runDir, ".tmp-" + name);
        context.model().saveParameters(tmp.resolve(MODEL));
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(tmp.resolve(OPTIMIZER))))) {
            context.optimizer().save(out);
        }
        context.vocabulary().save(tmp.resolve(VOCABULARY));
        JSON.writeValue(tmp.resolve(STATE).toFile(), state);
        Files.writeString(tmp.resolve(CONFIG), context.config().toYaml());
        Path target = runDir.resolve(name);
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        Path pointer = Files.createTempFile(runDir, ".latest", ".tmp");
        Files.writeString(pointer, name);
        Files.move(pointer, runDir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune(runDir, keep, name);
        return target;
    }

    /** The latest checkpoint of {@code runId}, or of the most recently checkpointed run when null. */
    public static Optional<Path> latest(Path root, String runId) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Path runDir;
        if (runId != null) {
            runDir = root.resolve(runId);
        } else {
            try (Stream<Path> runs = Files.list(root)) {
                Optional<Path> newest = runs.filter(p -> Files.isRegularFile(p.resolve(LATEST)))
                        .max(Comparator.comparing(p -> modified(p.resolve(LATEST))));
                if (newest.isEmpty()) {
                    return Optional.empty();
                }
                runDir = newest.get();
            }
        }
        Path pointer = runDir.resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Path dir = runDir.resolve(Files.readString(pointer).strip());
        if (!Files.isRegularFile(dir.resolve(STATE))) {
            throw new IOException("checkpoint pointer " + pointer + " names " + dir + ", which has no " + STATE);
        }
        return Optional.of(dir);
    }

    /**
     * A checkpoint folder from what a user names: the folder itself, or a run folder, whose
     * {@code latest} pointer (or {@code pointer}, e.g. {@link #BEST_SCST}) names it.
     */
    public static Path resolve(Path dirOrRun, String pointer) throws IOException {
        if (Files.isRegularFile(dirOrRun.resolve(MODEL))) {
            return dirOrRun;
        }
        Path file = dirOrRun.resolve(pointer == null ? LATEST : pointer);
        if (Files.isRegularFile(file)) {
            Path dir = dirOrRun.resolve(Files.readString(file).strip());
            if (Files.isRegularFile(dir.resolve(MODEL))) {
                return dir;
            }
            throw new IOException(file + " names checkpoint " + dir + ", which has no " + MODEL);
        }
        throw new IOException(dirOrRun + " is neither a checkpoint folder (no " + MODEL + ") nor a run folder with a '"
                + (pointer == null ? LATEST : pointer) + "' pointer");
    }

    /** The model of checkpoint folder {@code dir}, built from its config.yaml, with its vocabulary. */
    public static Trained loadModel(Path dir, NDManager base) throws IOException {
        TrainConfig config = TrainConfigYaml.load(dir.resolve(CONFIG));
        Vocabulary vocabulary = readVocabulary(dir);
        EncoderDecoderCaptioner model = Captioners.create(config.model(), vocabulary.size(), base);
        try {
            model.loadParameters(dir.resolve(MODEL));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        return new Trained(config, vocabulary, model);
    }

    /** A checkpoint's model, ready to caption; closing it frees the parameters. */
    public record Trained(TrainConfig config, Vocabulary vocabulary, EncoderDecoderCaptioner model)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    public static CheckpointState readState(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(STATE).toFile(), CheckpointState.class);
    }

    public static Vocabulary readVocabulary(Path dir) throws IOException {
        return Vocabulary.load(dir.resolve(VOCABULARY));
    }

    /** Loads parameters and optimiser state into a model built for the checkpoint's vocabulary. */
    public static void restore(Path dir, Captioner model, AdamOptimizer optimizer) throws IOException {
        model.loadParameters(dir.resolve(MODEL));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(OPTIMIZER))))) {
            optimizer.load(in, model.parameters());
        }
    }

    /** Points {@code pointer} ({@link #BEST_CE}, {@link #BEST_SCST}) of the run at checkpoint {@code dir}: kept by pruning. */
    public static void mark(Path dir, String pointer) throws IOException {
        Path runDir = dir.getParent();
        Path tmp = Files.createTempFile(runDir, "." + pointer, ".tmp");
        Files.writeString(tmp, dir.getFileName().toString());
        Files.move(tmp, runDir.resolve(pointer), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void prune(Path runDir, int keep, String newest) throws IOException {
        java.util.Set<String> marked = new java.util.HashSet<>();
        for (String pointer : List.of(BEST_CE, BEST_SCST)) {
            if (Files.isRegularFile(runDir.resolve(pointer))) {
                marked.add(Files.readString(runDir.resolve(pointer)).strip());
            }
        }
        List<Path> checkpoints = new ArrayList<>();
        try (Stream<Path> list = Files.list(runDir)) {
            list.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("ce"))
                    .filter(p -> !marked.contains(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .forEach(checkpoints::add);
        }
        for (int i = 0; i < checkpoints.size() - keep; i++) {
            if (!checkpoints.get(i).getFileName().toString().equals(newest)) {
                deleteTree(checkpoints.get(i));
            }
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
