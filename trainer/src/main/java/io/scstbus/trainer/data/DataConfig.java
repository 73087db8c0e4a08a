package io.scstbus.trainer.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a run's captions, images and count dictionaries are, and what to do with a broken entry.
 * Paths are strings as written in the YAML, resolved against the working directory.
 *
 * @param name dataset name on the wire (selects references and corpus statistics in the workers)
 * @param root folder the synthetic generator writes into; informational otherwise
 * @param annotations one or more annotation files
 * @param images the image folder; an entry's path is relative to it
 * @param counts count dictionary file, or null for none
 * @param trainSplits splits whose images are trained on (Karpathy COCO also has {@code restval})
 * @param valSplit split evaluated on
 * @param onProblem FAIL or SKIP for missing images, unreadable files, images without captions
 * @param maxTrainImages use at most this many training images, file order; 0 = all
 * @param maxValImages likewise for validation
 * @param synthetic generate the synthetic dataset into {@code root} first, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConfig(
        String name,
        String root,
        List<AnnotationFile> annotations,
        String images,
        String counts,
        List<String> trainSplits,
        String valSplit,
        OnProblem onProblem,
        int maxTrainImages,
        int maxValImages,
        SyntheticData synthetic) {

    public DataConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("data.name must be set, got " + name);
        }
        if (annotations == null || annotations.isEmpty()) {
            throw new IllegalArgumentException("data.annotations must list at least one file, got " + annotations);
        }
        annotations = List.copyOf(annotations);
        if (images == null || images.isBlank()) {
            throw new IllegalArgumentException("data.images must be set, got " + images);
        }
        trainSplits = trainSplits == null || trainSplits.isEmpty() ? List.of("train") : List.copyOf(trainSplits);
        valSplit = Objects.requireNonNullElse(valSplit, "val");
        onProblem = Objects.requireNonNullElse(onProblem, OnProblem.FAIL);
        if (maxTrainImages < 0) {
            throw new IllegalArgumentException("data.max_train_images must be >= 0 (0 = all), got " + maxTrainImages);
        }
        if (maxValImages < 0) {
            throw new IllegalArgumentException("data.max_val_images must be >= 0 (0 = all), got " + maxValImages);
        }
    }

    /**
     * The layout the synthetic generator writes under {@code root}: {@code dataset.json} (Karpathy),
     * {@code images/<id>.png}, {@code counts.json}.
     */
    public static DataConfig under(String name, String root, SyntheticData synthetic, int maxTrain, int maxVal) {
        Path r = Path.of(root);
        return new DataConfig(name, root, List.of(AnnotationFile.of(r.resolve("dataset.json").toString())),
                r.resolve("images").toString(), r.resolve("counts.json").toString(), List.of("train"), "val",
                OnProblem.FAIL, maxTrain, maxVal, synthetic);
    }

    public DataConfig withRoot(String newRoot) {
        return under(name, newRoot, synthetic, maxTrainImages, maxValImages).withOnProblem(onProblem);
    }

    public DataConfig withOnProblem(OnProblem value) {
        return new DataConfig(name, root, annotations, images, counts, trainSplits, valSplit, value,
                maxTrainImages, maxValImages, synthetic);
    }

    public DataConfig withLimits(int maxTrain, int maxVal) {
        return new DataConfig(name, root, annotations, images, counts, trainSplits, valSplit, onProblem,
                maxTrain, maxVal, synthetic);
    }
}
