package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A user's path on real remote-sensing images (testdata/captioning/rs_samples.json: RSICD and DIOR
 * samples) at 224 px with ResNet-18: cross-entropy, SCST through the embedded broker and reward
 * workers, then {@code caption} of the test split from the best SCST checkpoint and {@code evaluate}.
 * The encoder is frozen, its features cached, as a CPU user would run it (docs/train-rsicd.md): training
 * ResNet-18 at 224 px cost 10 of the run's 37 CPU-seconds, under load the difference between one and two
 * minutes; that an unfrozen ResNet-18 gets its gradients is {@code CaptionersTest}'s.
 */
class RealImagesTest {

    @TempDir
    Path dir;

    @Test
    void trainsCaptionsAndEvaluatesRealImages() throws Exception {
        Path testdata = Path.of(System.getProperty("scstbus.testdata", "../testdata")).toAbsolutePath().normalize();
        Path dataset = testdata.resolve("captioning/rs_samples.json");
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                preset: smoke
                data:
                  name: rs-samples
                  annotations: [{path: %s}]
                  images: %s
                  counts: %s
                model:
                  preset: small
                  embed_size: 32
                  hidden_size: 64
                  attention_size: 32
                  max_length: 12
                  vocab_min_count: 1
                  frozen: true
                ce: {epochs: 1, batch_size: 8}
                scst: {steps: 2, images_per_step: 5, samples_per_image: 2}
                eval: {batch_size: 4}
                checkpoint: {dir: %s, keep: 1}
                """.formatted(dataset, testdata, testdata.resolve("dior/dior_counts_samples.json"),
                dir.resolve("checkpoints")));
        int trained = new CommandLine(new TrainerCommand()).execute("--config", config.toString(), "--run-id", "real",
                "--device", "cpu");
        assertEquals(0, trained, "trainer exit status");
        Path run = dir.resolve("checkpoints/real");
        assertTrue(Files.isRegularFile(run.resolve("best_ce")), "best CE checkpoint marked");
        assertTrue(Files.isDirectory(run.resolve(Files.readString(run.resolve("best_ce")).strip())),
                "best CE checkpoint kept with keep: 1");

        Path results = dir.resolve("results.json");
        int captioned = new CommandLine(new CaptionCommand()).execute("--checkpoint", run.toString(), "--which",
                "best_scst", "--dataset", dataset.toString(), "--split", "test", "--image-root", testdata.toString(),
                "--beam", "2", "--out", results.toString());
        assertEquals(0, captioned, "caption exit status");
        JsonNode written = new ObjectMapper().readTree(results.toFile());
        assertEquals(2, written.size(), "one caption per test image");
        assertEquals("square_146", written.get(0).get("image_id").asText());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int evaluated = new CommandLine(new EvaluateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)).execute("--results", results.toString(), "--annotations", dataset.toString(),
                "--counts", testdata.resolve("dior/dior_counts_samples.json").toString());
        assertEquals(0, evaluated, "evaluate exit status");
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("CIDEr-D") && table.contains("count_abs"), table);
    }
}
