package io.scstbus.rewards.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A caption's scene graph: its entities (objects with counts and attributes) and the relations between
 * them. Immutable; entity texts are unique and every relation names two entities of the graph.
 */
public record SceneGraph(List<Entity> entities, List<Relation> relations) {

    public static final SceneGraph EMPTY = new SceneGraph(List.of(), List.of());

    public SceneGraph {
        entities = List.copyOf(entities);
        relations = List.copyOf(new LinkedHashSet<>(relations));
        Set<String> texts = new HashSet<>();
        for (Entity entity : entities) {
            if (!texts.add(entity.text())) {
                throw new IllegalArgumentException("entity '" + entity.text() + "' appears twice");
            }
        }
        for (Relation relation : relations) {
            if (!texts.contains(relation.subject()) || !texts.contains(relation.object())) {
                throw new IllegalArgumentException("relation " + relation + " names an entity the graph lacks");
            }
        }
    }

    public boolean isEmpty() {
        return entities.isEmpty();
    }

    public Optional<Entity> entity(String text) {
        return entities.stream().filter(e -> e.text().equals(text)).findFirst();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects facts in any order; the first mention of an entity fixes its position. Not thread-safe. */
    public static final class Builder {

        private final Map<String, MutableEntity> entities = new LinkedHashMap<>();
        private final List<Relation> relations = new ArrayList<>();

        private MutableEntity ensure(String text) {
            Objects.requireNonNull(text, "entity text");
            return entities.computeIfAbsent(text, MutableEntity::new);
        }

        public Builder entity(String text) {
            ensure(text);
            return this;
        }

        public Builder entity(String text, String lemma) {
            ensure(text).lemma = lemma;
            return this;
        }

        public Builder count(String text, int count) {
            ensure(text).count = count;
            return this;
        }

        public Builder quantity(String text, String quantity) {
            ensure(text).quantity = quantity;
            return this;
        }

        public Builder attribute(String text, String attribute) {
            ensure(text).attributes.add(attribute);
            return this;
        }

        public Builder relation(String subject, String predicate, String object) {
            ensure(subject);
            ensure(object);
            relations.add(new Relation(subject, predicate, object));
            return this;
        }

        public boolean contains(String text) {
            return entities.containsKey(text);
        }

        public SceneGraph build() {
            List<Entity> built = new ArrayList<>(entities.size());
            for (MutableEntity e : entities.values()) {
                built.add(new Entity(e.text, e.lemma, e.count, e.quantity, new ArrayList<>(e.attributes)));
            }
            return new SceneGraph(built, relations);
        }
    }

    private static final class MutableEntity {
        final String text;
        String lemma;
        Integer count;
        String quantity;
        final Set<String> attributes = new LinkedHashSet<>();

        MutableEntity(String text) {
            this.text = text;
        }
    }
}
