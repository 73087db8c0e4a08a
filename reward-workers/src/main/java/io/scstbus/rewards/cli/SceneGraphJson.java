package io.scstbus.rewards.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.rewards.graph.Entity;
import io.scstbus.rewards.graph.Relation;
import io.scstbus.rewards.graph.SceneGraph;

/**
 * The JSON form of a scene graph that {@code parse-graphs --format json} prints:
 * {@code {"entities":[{"text","lemma","count","quantity","attributes"}],"relations":[{"subject","predicate","object"}]}},
 * with {@code count} and {@code quantity} null when the caption states none.
 */
final class SceneGraphJson {

    private final ObjectMapper mapper;

    SceneGraphJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toJson(SceneGraph graph) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode entities = root.putArray("entities");
        for (Entity entity : graph.entities()) {
            ObjectNode e = entities.addObject();
            e.put("text", entity.text());
            e.put("lemma", entity.lemma());
            e.put("count", entity.count());
            e.put("quantity", entity.quantity());
            ArrayNode attributes = e.putArray("attributes");
            entity.attributes().forEach(attributes::add);
        }
        ArrayNode relations = root.putArray("relations");
        for (Relation relation : graph.relations()) {
            ObjectNode r = relations.addObject();
            r.put("subject", relation.subject());
            r.put("predicate", relation.predicate());
            r.put("object", relation.object());
        }
        return root;
    }

    String write(SceneGraph graph) {
        try {
            return mapper.writeValueAsString(toJson(graph));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write scene graph as JSON", e);
        }
    }
}
