package io.scstbus.trainer.train;

import ai.djl.ndarray.NDManager;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.rewards.data.AnnotationReader;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.trainer.data.AnnotationFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a run: when the dataset has a {@code test} split, the best CE and best SCST checkpoints
 * caption it (greedy) into {@code results_test.json} in their folders, for {@code trainer evaluate}.
 */
final class TestSplitResults {

    static final String FILE = "results_test.json";

    private TestSplitResults() {
    }

    static void write(TrainConfig config, String runId, NDManager base, ProgressReporter progress) throws IOException {
        List<Captioning.Image> images = new ArrayList<>();
        Path root = Path.of(config.data().images());
        for (AnnotationFile file : config.data().annotations()) {
            for (ImageEntry entry : AnnotationReader.read(Path.of(file.path()), file.format(), file.split())) {
                if (entry.split().equals("test")) {
                    images.add(new Captioning.Image(entry.imageId(), root.resolve(entry.relativePath())));
                }
            }
        }
        if (images.isEmpty()) {
            return;
        }
        Path run = Path.of(config.checkpoint().dir()).resolve(runId);
        for (String pointer : List.of(Checkpoints.BEST_CE, Checkpoints.BEST_SCST)) {
            if (!Files.isRegularFile(run.resolve(pointer))) {
                continue;
            }
            Path dir = Checkpoints.resolve(run, pointer);
            try (Checkpoints.Trained trained = Checkpoints.loadModel(dir, base)) {
                List<Captioning.Result> results = Captioning.caption(trained.model(), trained.vocabulary(), images,
                        config.eval().batchSize(), config.model().maxLength(), Captioning.Decode.greedy(), base,
                        ProgressBar.none());
                Captioning.write(results, dir.resolve(FILE));
            }
            progress.info(pointer + ": " + images.size() + " test images captioned -> " + dir.resolve(FILE));
        }
    }
}
