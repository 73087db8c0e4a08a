package io.scstbus.rewards.metrics.spice;

import io.scstbus.rewards.text.WordNet;
import java.util.Set;

/** The synsets a lemma belongs to; two lemmas are synonyms when their synsets meet. */
@FunctionalInterface
public interface Synsets {

    Set<String> of(String lemma);

    /** WordNet 3.1's synsets, every word class and sense (SPICE 1.0 matches any shared synset). */
    static Synsets wordNet() {
        WordNet wordNet = WordNet.shared();
        return wordNet::synsets;
    }
}
