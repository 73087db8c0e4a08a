package io.scstbus.rewards.metrics.spice;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One position of a tuple: its lemmas (one, or several when synonymous reference nodes were merged) and their
 * synsets. Two concepts match when they share a lemma or a synset.
 */
public record Concept(Set<String> lemmas, Set<String> synsets) {

    public Concept {
        lemmas = Collections.unmodifiableSet(new TreeSet<>(lemmas));
        synsets = Collections.unmodifiableSet(new TreeSet<>(synsets));
    }

    static Concept of(String lemma, Synsets synsets) {
        return new Concept(Set.of(lemma), synsets.of(lemma));
    }

    /** Equal lemmas or a shared WordNet synset. */
    public boolean matches(Concept other) {
        return !Collections.disjoint(lemmas, other.lemmas) || !Collections.disjoint(synsets, other.synsets);
    }

    boolean hasLemma(String lemma) {
        return lemmas.contains(lemma);
    }

    Concept merge(Concept other) {
        Set<String> allLemmas = new TreeSet<>(lemmas);
        allLemmas.addAll(other.lemmas);
        Set<String> allSynsets = new TreeSet<>(synsets);
        allSynsets.addAll(other.synsets);
        return new Concept(allLemmas, allSynsets);
    }

    @Override
    public String toString() {
        return String.join("/", lemmas);
    }
}
