package io.scstbus.rewards.metrics.spice;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One caption's scene graph as the parser gave it, in lemmas: object names (a name may repeat when the parser
 * copied a plural node, {@code two planes}), attributes and relations naming their objects by name.
 */
public record CaptionGraph(List<String> objects, List<Attribute> attributes, List<Relation> relations) {

    public static final CaptionGraph EMPTY = new CaptionGraph(List.of(), List.of(), List.of());

    public CaptionGraph {
        objects = objects.stream().map(CaptionGraph::lemma).toList();
        attributes = List.copyOf(attributes);
        relations = List.copyOf(relations);
    }

    /** {@code object} has {@code attribute} ({@code plane}, {@code white}). */
    public record Attribute(String object, String attribute) {
        public Attribute {
            object = lemma(object);
            attribute = lemma(attribute);
        }
    }

    /** {@code subject} {@code predicate} {@code object} ({@code tree}, {@code around}, {@code storage tank}). */
    public record Relation(String subject, String predicate, String object) {
        public Relation {
            subject = lemma(subject);
            predicate = lemma(predicate);
            object = lemma(object);
        }
    }

    /** Lower case, single spaces: lemmas compare as strings. */
    static String lemma(String text) {
        String lemma = Objects.requireNonNull(text, "a scene-graph lemma").strip().replaceAll("[\\s_]+", " ")
                .toLowerCase(Locale.ROOT);
        if (lemma.isEmpty()) {
            throw new IllegalArgumentException("a scene-graph lemma is empty");
        }
        return lemma;
    }
}
