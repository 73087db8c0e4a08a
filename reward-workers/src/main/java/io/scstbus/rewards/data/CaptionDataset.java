package io.scstbus.rewards.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One annotation file read whole (any {@link AnnotationFormat}), with split selection as the metric
 * tools need it. Immutable.
 */
public record CaptionDataset(String name, List<ImageEntry> images) {

    /** Split name that selects every image. */
    public static final String ALL = "all";

    public CaptionDataset {
        Objects.requireNonNull(name, "name");
        images = List.copyOf(images);
    }

    /** The file's images; the name is its {@code dataset} field, else the file name. */
    public static CaptionDataset read(Path file) throws IOException {
        List<ImageEntry> images = AnnotationReader.read(file, AnnotationFormat.AUTO, null);
        String name = AnnotationReader.datasetName(file);
        return new CaptionDataset(name != null ? name : file.getFileName().toString(), images);
    }

    /**
     * The images of a split, as self-critical's {@code prepro_ngrams.py} selects them: {@code train}
     * includes Karpathy's {@code restval}; {@value #ALL} selects everything. An image without a split
     * (a COCO file carries none) is selected whatever the split.
     */
    public List<ImageEntry> images(String split) {
        String wanted = split.toLowerCase(Locale.ROOT);
        List<ImageEntry> selected = new ArrayList<>();
        for (ImageEntry image : images) {
            if (wanted.equals(ALL) || image.split().isEmpty() || image.split().equals(wanted)
                    || (wanted.equals("train") && image.split().equals("restval"))) {
                selected.add(image);
            }
        }
        return selected;
    }

    /**
     * Every name of every image (see {@link ImageEntry#names()}) to its image, for matching results
     * keyed by whatever id their tool used. An image's own id wins over another image's file id.
     */
    public Map<String, ImageEntry> byName() {
        Map<String, ImageEntry> byName = new HashMap<>();
        images.forEach(image -> byName.putIfAbsent(image.imageId(), image));
        images.forEach(image -> image.names().forEach(name -> byName.putIfAbsent(name, image)));
        return byName;
    }
}
