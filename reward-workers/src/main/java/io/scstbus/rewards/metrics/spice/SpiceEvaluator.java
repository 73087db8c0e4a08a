package io.scstbus.rewards.metrics.spice;

import io.scstbus.rewards.console.ProgressBar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Corpus SPICE from caption text: parses each distinct caption once (references repeat across results files
 * and within an image) and scores every image. Not thread-safe.
 */
public final class SpiceEvaluator {

    private final CaptionGraphParser parser;
    private final Spice spice;
    private final Map<String, CaptionGraph> parsed = new HashMap<>();

    public SpiceEvaluator(CaptionGraphParser parser, Synsets synsets) {
        this.parser = parser;
        this.spice = new Spice(synsets);
    }

    /** A generated caption and its image's reference captions. */
    public record Item(String candidate, List<String> references) {
        public Item {
            references = List.copyOf(references);
        }
    }

    private static String rate(ProgressBar progress, long done) {
        return String.format(Locale.ROOT, "%.2f captions/s", progress.rate(done));
    }

    public Spice.Corpus evaluate(List<Item> items, ProgressBar progress) {
        Set<String> toParse = new LinkedHashSet<>();
        for (Item item : items) {
            toParse.add(item.candidate());
            toParse.addAll(item.references());
        }
        toParse.removeAll(parsed.keySet());
        if (!toParse.isEmpty()) {
            List<String> captions = List.copyOf(toParse);
            progress.total(captions.size());
            List<CaptionGraph> graphs = parser.parseAll(captions, done -> progress.update(done, rate(progress, done)));
            for (int i = 0; i < captions.size(); i++) {
                parsed.put(captions.get(i), graphs.get(i));
            }
            progress.finish(captions.size(), rate(progress, captions.size()));
        }
        List<Spice.ImageScore> scores = new ArrayList<>(items.size());
        for (Item item : items) {
            scores.add(spice.score(parsed.get(item.candidate()), item.references().stream().map(parsed::get).toList()));
        }
        return Spice.mean(scores);
    }
}
