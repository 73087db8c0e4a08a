package io.scstbus.rewards.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One object of a scene graph.
 *
 * @param text       the head as the caption writes it ({@code storage tanks}); unique within a graph
 * @param lemma      its dictionary form ({@code storage tank}); equals {@code text} when the source gives none
 * @param count      the number the caption states, or null when it states none
 * @param quantity   a vague quantity the caption states instead ({@code many}, {@code several}), or null
 * @param attributes attributes in first-seen order, without duplicates
 */
public record Entity(String text, String lemma, Integer count, String quantity, List<String> attributes) {

    public Entity {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("entity text must not be blank");
        }
        lemma = lemma == null || lemma.isBlank() ? text : lemma;
        if (count != null && count < 0) {
            throw new IllegalArgumentException("count of '" + text + "' must be >= 0, got " + count);
        }
        if (quantity != null && quantity.isBlank()) {
            quantity = null;
        }
        attributes = List.copyOf(new LinkedHashSet<>(attributes));
    }

    /** A bare entity: no count, quantity or attributes. */
    public static Entity of(String text, String lemma) {
        return new Entity(text, lemma, null, null, List.of());
    }

    public boolean hasCount() {
        return count != null;
    }
}
