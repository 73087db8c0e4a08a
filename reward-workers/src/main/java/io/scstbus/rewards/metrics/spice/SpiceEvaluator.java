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

    public Spice.Corpus evaluate(List<Item> items, ProgressBar progress) {
        Set<String> toParse = new LinkedHashSet<>();
        for (Item item : items) {
            toParse.add(item.candidate());
            toParse.addAll(item.references());
        }
        toParse.removeAll(parsed.keySet());
        if (!toParse.isEmpty()) {
            progress.total(toParse.size());
            long done = 0;
            for (String caption : toParse) {
                parsed.put(caption, parser.parse(caption));
                progress.update(++done, "");
            }
            progress.finish(done, String.format(Locale.ROOT, "%.1f captions/s", progress.rate(done)));
        }
        List<Spice.ImageScore> scores = new ArrayList<>(items.size());
        for (Item item : items) {
            scores.add(spice.score(parsed.get(item.candidate()), item.references().stream().map(parsed::get).toList()));
        }
        return Spice.mean(scores);
    }
}
