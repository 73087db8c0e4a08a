package io.scstbus.rewards.signals;

import io.scstbus.rewards.graph.Entity;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place the object signals get their objects from: parses the candidate, collects the
 * reference objects (union over the reference graphs, from {@link ReferenceContext#sceneGraphs()} when
 * present, else from parsing the reference captions, plus the count dictionary's keys) and aligns the
 * two with an {@link ObjectMatcher}. Reference objects that match each other ({@code plane},
 * {@code airplane}) are one object. A reference object's count is the count dictionary's when it has
 * one, else the most frequent count the reference captions state (ties: the larger). Thread-safe when
 * the parser is; give it a {@code CachingSceneGraphParser} so references are parsed once.
 */
public final class ObjectAlignment {

    /** One object of one side, by lemma; {@code count} null when no number is stated. */
    public record ObjectCount(String lemma, Integer count) {
    }

    /** A candidate object aligned with a reference object, both with counts. */
    public record CountPair(String object, int generated, int reference) {
    }

    /**
     * The alignment of one candidate with one image's references.
     *
     * @param candidate    the candidate's objects, distinct
     * @param references   the reference objects, distinct up to matching
     * @param matched      reference objects the candidate mentions
     * @param missing      reference objects the candidate does not mention
     * @param hallucinated candidate objects that match no reference object
     * @param counted      aligned objects that both sides count
     * @param uncounted    reference objects with a count that the candidate mentions without a number
     *                     ("many planes" where the references count 5): what a caption saves by not counting
     */
    public record Alignment(List<ObjectCount> candidate, List<ObjectCount> references, List<String> matched,
                            List<String> missing, List<String> hallucinated, List<CountPair> counted,
                            List<ObjectCount> uncounted) {
    }

    private record Key(String candidate, ReferenceContext context) {
    }

    private final SceneGraphParser parser;
    private final ObjectMatcher matcher;
    // The five object signals score the same candidate one after another: align it once for all five.
    private final Map<Key, Alignment> recent = lru(1_024);
    // References are static per image: their objects are collected once, not per candidate.
    private final Map<ReferenceContext, List<ObjectCount>> referenceObjects = lru(20_000);

    public ObjectAlignment(SceneGraphParser parser, ObjectMatcher matcher) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Identifies the parser and matching rules, for the signals' versions. */
    public String version() {
        return "objects/2+" + parser.version();
    }

    /**
     * Aligns the candidate's objects with the references'. Thread-safe; results are remembered (bounded)
     * by the exact candidate text and reference context, so repeated calls are cheap.
     */
    public Alignment align(String candidate, ReferenceContext context) {
        Key key = new Key(candidate, context);
        Alignment cached;
        synchronized (recent) {
            cached = recent.get(key);
        }
        if (cached != null) {
            return cached;
        }
        Alignment alignment = compute(candidate, context);
        synchronized (recent) {
            recent.put(key, alignment);
        }
        return alignment;
    }

    private List<ObjectCount> referenceObjects(ReferenceContext context) {
        List<ObjectCount> objects;
        synchronized (referenceObjects) {
            objects = referenceObjects.get(context);
        }
        if (objects == null) {
            objects = List.copyOf(objects(referenceGraphs(context), context.counts()));
            synchronized (referenceObjects) {
                referenceObjects.put(context, objects);
            }
        }
        return objects;
    }

    private Alignment compute(String candidate, ReferenceContext context) {
        List<ObjectCount> generated = List.copyOf(objects(List.of(parser.parse(candidate)), Map.of()));
        List<ObjectCount> references = referenceObjects(context);
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<CountPair> counted = new ArrayList<>();
        List<ObjectCount> uncounted = new ArrayList<>();
        for (ObjectCount reference : references) {
            ObjectCount hit = find(generated, reference.lemma());
            if (hit == null) {
                missing.add(reference.lemma());
                continue;
            }
            matched.add(reference.lemma());
            if (reference.count() != null) {
                if (hit.count() != null) {
                    counted.add(new CountPair(reference.lemma(), hit.count(), reference.count()));
                } else {
                    uncounted.add(reference);
                }
            }
        }
        List<String> hallucinated = new ArrayList<>();
        for (ObjectCount object : generated) {
            if (find(references, object.lemma()) == null) {
                hallucinated.add(object.lemma());
            }
        }
        return new Alignment(generated, references, List.copyOf(matched), List.copyOf(missing),
                List.copyOf(hallucinated), List.copyOf(counted), List.copyOf(uncounted));
    }

    private List<SceneGraph> referenceGraphs(ReferenceContext context) {
        List<SceneGraph> graphs = new ArrayList<>();
        if (!context.sceneGraphs().isEmpty()) {
            context.sceneGraphs().forEach(g -> graphs.add(FactualFormat.read(g)));
        } else {
            context.captions().forEach(c -> graphs.add(parser.parse(c)));
        }
        return graphs;
    }

    /** Distinct objects of {@code graphs} and the count dictionary, each with its reconciled count. */
    private List<ObjectCount> objects(List<SceneGraph> graphs, Map<String, Integer> dictionary) {
        Map<String, List<Integer>> stated = new LinkedHashMap<>();
        for (SceneGraph graph : graphs) {
            // within one caption, separate counted mentions add up: "a large boat with two small boats" is 3
            Map<String, Integer> caption = new LinkedHashMap<>();
            for (Entity entity : graph.entities()) {
                String lemma = matcher.lemma(entity.lemma());
                if (matcher.isNonObject(lemma)) {
                    continue;
                }
                String key = canonical(stated, lemma);
                stated.computeIfAbsent(key, k -> new ArrayList<>());
                if (entity.count() != null) {
                    caption.merge(key, entity.count(), Integer::sum);
                }
            }
            caption.forEach((key, count) -> stated.get(key).add(count));
        }
        Map<String, Integer> fromDictionary = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : dictionary.entrySet()) {
            String key = canonical(stated, matcher.lemma(entry.getKey()));
            stated.computeIfAbsent(key, k -> new ArrayList<>());
            fromDictionary.put(key, entry.getValue());
        }
        List<ObjectCount> objects = new ArrayList<>(stated.size());
        stated.forEach((lemma, counts) -> objects.add(new ObjectCount(lemma,
                fromDictionary.containsKey(lemma) ? fromDictionary.get(lemma) : CountVote.winner(counts))));
        return objects;
    }

    /** The key already in {@code seen} that {@code lemma} matches, or {@code lemma} itself. */
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

    private ObjectCount find(List<ObjectCount> objects, String lemma) {
        for (ObjectCount object : objects) {
            if (object.lemma().equals(lemma)) {
                return object;
            }
        }
        for (ObjectCount object : objects) {
            if (matcher.matches(object.lemma(), lemma)) {
                return object;
            }
        }
        return null;
    }
}
