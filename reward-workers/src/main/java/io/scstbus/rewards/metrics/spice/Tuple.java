package io.scstbus.rewards.metrics.spice;

import java.util.List;
import java.util.stream.Collectors;

/** A SPICE tuple: (object), (object, attribute) or (subject, relation, object). */
public record Tuple(Category category, List<Concept> parts) {

    /** SPICE's tuple kinds, which its per-category F-scores split by. */
    public enum Category {
        OBJECT, ATTRIBUTE, RELATION
    }

    public Tuple {
        parts = List.copyOf(parts);
        int expected = category.ordinal() + 1;
        if (parts.size() != expected) {
            throw new IllegalArgumentException(category + " tuple needs " + expected + " parts, got " + parts);
        }
    }

    /** Same kind and every position matches (equal lemmas or WordNet synonyms). */
    public boolean matches(Tuple other) {
        if (category != other.category) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).matches(other.parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return parts.stream().map(Concept::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
