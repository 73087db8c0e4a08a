package io.scstbus.rewards.metrics.spice;

import io.scstbus.rewards.metrics.spice.Tuple.Category;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * SPICE over parsed graphs: an image's F-score against the merged graph of its references, and the corpus
 * SPICE as SPICE 1.0 reports it (the mean of the per-image F-scores; per category, the mean over images whose
 * references have tuples of that category).
 */
public final class Spice {

    private final TupleSets tupleSets;

    public Spice(Synsets synsets) {
        this.tupleSets = new TupleSets(synsets);
    }

    /** One image's scores: all tuples, and each category. */
    public record ImageScore(SpiceScore all, Map<Category, SpiceScore> categories) {
        public ImageScore {
            categories = Collections.unmodifiableMap(new EnumMap<>(categories));
        }
    }

    /** Corpus SPICE (mean F over images) and its per-category means. */
    public record Corpus(int images, double spice, Map<Category, Double> categories) {
        public Corpus {
            categories = Collections.unmodifiableMap(new EnumMap<>(categories));
        }
    }

    public ImageScore score(CaptionGraph candidate, List<CaptionGraph> references) {
        List<Tuple> candidateTuples = tupleSets.candidate(candidate);
        List<Tuple> referenceTuples = tupleSets.references(references);
        Map<Category, SpiceScore> categories = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            categories.put(category, SpiceScore.ofCategory(only(candidateTuples, category),
                    only(referenceTuples, category)));
        }
        return new ImageScore(SpiceScore.of(candidateTuples, referenceTuples), categories);
    }

    public static Corpus mean(List<ImageScore> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("SPICE needs at least one image");
        }
        double sum = 0;
        for (ImageScore image : images) {
            sum += image.all().f();
        }
        Map<Category, Double> categories = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            double categorySum = 0;
            int counted = 0;
            for (ImageScore image : images) {
                double f = image.categories().get(category).f();
                if (!Double.isNaN(f)) {
                    categorySum += f;
                    counted++;
                }
            }
            categories.put(category, counted == 0 ? Double.NaN : categorySum / counted);
        }
        return new Corpus(images.size(), sum / images.size(), categories);
    }

    private static List<Tuple> only(List<Tuple> tuples, Category category) {
        List<Tuple> kept = new ArrayList<>();
        for (Tuple tuple : tuples) {
            if (tuple.category() == category) {
                kept.add(tuple);
            }
        }
        return kept;
    }
}
