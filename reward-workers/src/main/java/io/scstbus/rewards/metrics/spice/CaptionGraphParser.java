package io.scstbus.rewards.metrics.spice;

/** Text to a {@link CaptionGraph}; every sentence of the caption goes into one graph. */
@FunctionalInterface
public interface CaptionGraphParser {

    CaptionGraph parse(String caption);
}
