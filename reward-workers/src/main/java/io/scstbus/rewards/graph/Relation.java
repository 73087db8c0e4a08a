package io.scstbus.rewards.graph;

import java.util.Objects;

/** A directed relation between two entities of the same graph, named by their {@link Entity#text()}. */
public record Relation(String subject, String predicate, String object) {

    public Relation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(object, "object");
        if (predicate.isBlank()) {
            throw new IllegalArgumentException("relation " + subject + " -> " + object + " has a blank predicate");
        }
    }
}
