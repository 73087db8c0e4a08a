package io.scstbus.rewards.metrics.spice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Text to a {@link CaptionGraph}; every sentence of the caption goes into one graph. */
@FunctionalInterface
public interface CaptionGraphParser {

    CaptionGraph parse(String caption);

    /** Graphs of {@code captions}, in order; {@code parsed} hears the running count (for a progress bar). */
    default List<CaptionGraph> parseAll(List<String> captions, LongConsumer parsed) {
        List<CaptionGraph> graphs = new ArrayList<>(captions.size());
        for (String caption : captions) {
            graphs.add(parse(caption));
            parsed.accept(graphs.size());
        }
        return graphs;
    }
}
