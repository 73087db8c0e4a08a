package io.scstbus.rewards.signals;

import io.scstbus.rewards.graph.Entity;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an image's count dictionary (object phrase to count): the counts its reference captions state,
 * reconciled across captions by {@link CountVote} (the most frequent stated count, ties to the larger),
 * fused with an object detector's counts; where both name the same object (per {@link ObjectMatcher},
 * so {@code cars} and detector class {@code vehicle} are one), the captions' count wins. Objects the
 * captions mention without a number are not in the dictionary unless the detector counts them.
 * Thread-safe when the parser is.
 */
public final class CountDictionaryBuilder {

    private final SceneGraphParser parser;
    private final ObjectMatcher matcher;

    public CountDictionaryBuilder(SceneGraphParser parser, ObjectMatcher matcher) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    /** The dictionary of one image; keys are lemmas ({@code storage tank}), in first-seen order. */
    public Map<String, Integer> build(List<String> captions, Map<String, Integer> detectorCounts) {
        Map<String, List<Integer>> stated = new LinkedHashMap<>();
        for (String caption : captions) {
            SceneGraph graph = parser.parse(caption);
            for (Entity entity : graph.entities()) {
                if (entity.count() == null) {
                    continue;
                }
                String lemma = matcher.lemma(entity.lemma());
                if (!matcher.isNonObject(lemma)) {
                    stated.computeIfAbsent(canonical(stated, lemma), k -> new ArrayList<>()).add(entity.count());
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        stated.forEach((lemma, values) -> counts.put(lemma, CountVote.winner(values)));
        for (Map.Entry<String, Integer> detected : detectorCounts.entrySet()) {
            String lemma = matcher.lemma(DetectorClasses.phrase(detected.getKey()));
            if (canonical(counts, lemma).equals(lemma) && !counts.containsKey(lemma)) {
                counts.put(lemma, detected.getValue());
            }
        }
        return counts;
    }

    private String canonical(Map<String, ?> seen, String lemma) {
        if (seen.containsKey(lemma)) {
            return lemma;
        }
        for (String key : seen.keySet()) {
            if (matcher.matches(key, lemma)) {
                return key;
            }
        }
        return lemma;
    }
}
