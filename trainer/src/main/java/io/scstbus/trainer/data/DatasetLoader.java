package io.scstbus.trainer.data;

import io.scstbus.rewards.data.AnnotationReader;
import io.scstbus.rewards.data.CountDictionaries;
import io.scstbus.rewards.data.ImageEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link DataConfig}: annotation files, count dictionaries and images (resized at load, so a
 * broken file is found before training starts, not in the middle of it). Entries of the same image
 * id in several files are merged; conflicting splits are an error.
 */
public final class DatasetLoader {

    /** The split of an image whose annotation file names none. */
    static final String DEFAULT_SPLIT = "train";

    private final ImageLoader images;

    public DatasetLoader(ImageLoader images) {
        this.images = images;
    }

    public CaptionData load(DataConfig config) throws IOException {
        Map<String, ImageEntry> entries = new LinkedHashMap<>();
        for (AnnotationFile file : config.annotations()) {
            for (ImageEntry read : AnnotationReader.read(Path.of(file.path()), file.format(), file.split())) {
                ImageEntry entry = read.withDefaultSplit(DEFAULT_SPLIT);
                ImageEntry previous = entries.get(entry.imageId());
                if (previous == null) {
                    entries.put(entry.imageId(), entry);
                } else if (!previous.split().equals(entry.split())) {
                    throw new IOException("image '" + entry.imageId() + "' is in split '" + previous.split()
                            + "' and, in " + file.path() + ", in split '" + entry.split() + "'");
                } else {
                    entries.put(entry.imageId(), previous.withCaptions(entry.captions()));
                }
            }
        }
        Map<String, Map<String, Integer>> counts = config.counts() == null
                ? Map.of() : CountDictionaries.read(Path.of(config.counts()));
        Path imageDir = Path.of(config.images());
        Tally tally = new Tally();
        List<Example> train = new ArrayList<>();
        List<Example> val = new ArrayList<>();
        for (ImageEntry entry : entries.values()) {
            boolean isTrain = config.trainSplits().contains(entry.split());
            boolean isVal = entry.split().equals(config.valSplit());
            if (!isTrain && !isVal) {
                continue;
            }
            List<Example> target = isTrain ? train : val;
            int limit = isTrain ? config.maxTrainImages() : config.maxValImages();
            if (limit > 0 && target.size() >= limit) {
                continue;
            }
            Example example = loadOne(entry, imageDir, counts, config.onProblem(), tally);
            if (example != null) {
                target.add(example);
            }
        }
        if (train.isEmpty()) {
            throw new IOException("no training images in splits " + config.trainSplits() + " of "
                    + config.annotations().stream().map(AnnotationFile::path).toList() + "; " + tally.report(0));
        }
        String name = config.name();
        return new CaptionData(name, train, val, tally.report(train.size() + val.size()));
    }

    private Example loadOne(ImageEntry entry, Path imageDir, Map<String, Map<String, Integer>> counts,
                            OnProblem onProblem, Tally tally) throws IOException {
        List<String> normalised = entry.captions().stream().map(CaptionText::normalize).toList();
        if (normalised.stream().allMatch(String::isEmpty)) {
            String problem = "image '" + entry.imageId() + "' (" + entry.relativePath() + ") has no captions";
            if (onProblem == OnProblem.FAIL) {
                throw new IOException(problem);
            }
            tally.withoutCaptions++;
            tally.note(problem);
            return null;
        }
        if (entry.relativePath().isEmpty()) {
            throw new IOException("image '" + entry.imageId() + "' names no image file: the annotation file gives it "
                    + "no 'filename' (Karpathy) or 'file_name' (COCO)");
        }
        byte[] pixels;
        try {
            pixels = images.load(imageDir.resolve(entry.relativePath()));
        } catch (ImageLoader.ImageProblem e) {
            String problem = "image '" + entry.imageId() + "': " + e.getMessage();
            if (onProblem == OnProblem.FAIL) {
                throw new IOException(problem, e);
            }
            if (e.kind() == ImageLoader.ImageProblem.Kind.MISSING) {
                tally.missing++;
            } else {
                tally.unreadable++;
            }
            tally.note(problem);
            return null;
        }
        return new Example(entry.imageId(), entry.split(), pixels, entry.captions(), normalised,
                counts.getOrDefault(entry.imageId(), Map.of()));
    }

    private static final class Tally {
        int missing;
        int unreadable;
        int withoutCaptions;
        final List<String> problems = new ArrayList<>();

        void note(String problem) {
            if (problems.size() < LoadReport.MAX_LISTED) {
                problems.add(problem);
            }
        }

        LoadReport report(int loaded) {
            return new LoadReport(loaded, missing, unreadable, withoutCaptions, problems);
        }
    }
}
