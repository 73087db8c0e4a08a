package io.scstbus.rewards.metrics.spice;

import io.scstbus.rewards.metrics.spice.Tuple.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * Caption graphs to SPICE's tuple set. Nodes of the same name are one object (so the parser's copies of a plural
 * node, and an object named in several captions, give one tuple); attributes and relations repeated on the same
 * node(s) are one tuple. For the references ({@link #references}) the image's captions form one merged graph
 * and synonymous names are one node too ({@code plane} then {@code airplane}: one object whose lemmas are both),
 * as SPICE merges the reference scene graphs; a merged node matches a candidate that matches any of its lemmas.
 */
public final class TupleSets {

    private final Synsets synsets;

    public TupleSets(Synsets synsets) {
        this.synsets = synsets;
    }

    /** A generated caption's tuples: only equal names merge. */
    public List<Tuple> candidate(CaptionGraph graph) {
        return build(List.of(graph), false);
    }

    /** The merged tuples of an image's reference captions: equal and synonymous names merge. */
    public List<Tuple> references(List<CaptionGraph> graphs) {
        return build(graphs, true);
    }

    private List<Tuple> build(List<CaptionGraph> graphs, boolean mergeSynonyms) {
        MergedGraph merged = new MergedGraph(mergeSynonyms);
        for (CaptionGraph graph : graphs) {
            graph.objects().forEach(merged::node);
            for (CaptionGraph.Attribute attribute : graph.attributes()) {
                merged.node(attribute.object()).addAttribute(concept(attribute.attribute()), mergeSynonyms);
            }
            for (CaptionGraph.Relation relation : graph.relations()) {
                merged.addRelation(merged.node(relation.subject()), concept(relation.predicate()),
                        merged.node(relation.object()));
            }
        }
        return merged.tuples();
    }

    private Concept concept(String lemma) {
        return Concept.of(lemma, synsets);
    }

    /** Nodes are mutable while a graph is built; {@link #tuples()} reads their final concepts. */
    private final class MergedGraph {
        private final boolean mergeSynonyms;
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();

        MergedGraph(boolean mergeSynonyms) {
            this.mergeSynonyms = mergeSynonyms;
        }

        Node node(String name) {
            Concept concept = concept(name);
            for (Node node : nodes) {
                if (node.concept.hasLemma(name) || (mergeSynonyms && node.concept.matches(concept))) {
                    node.concept = node.concept.merge(concept);
                    return node;
                }
            }
            Node node = new Node(concept);
            nodes.add(node);
            return node;
        }

        void addRelation(Node subject, Concept predicate, Node object) {
            for (Edge edge : edges) {
                if (edge.subject == subject && edge.object == object && same(edge.predicate, predicate, mergeSynonyms)) {
                    edge.predicate = edge.predicate.merge(predicate);
                    return;
                }
            }
            edges.add(new Edge(subject, predicate, object));
        }

        List<Tuple> tuples() {
            List<Tuple> tuples = new ArrayList<>();
            for (Node node : nodes) {
                tuples.add(new Tuple(Category.OBJECT, List.of(node.concept)));
            }
            for (Node node : nodes) {
                for (Concept attribute : node.attributes) {
                    tuples.add(new Tuple(Category.ATTRIBUTE, List.of(node.concept, attribute)));
                }
            }
            for (Edge edge : edges) {
                tuples.add(new Tuple(Category.RELATION, List.of(edge.subject.concept, edge.predicate, edge.object.concept)));
            }
            return List.copyOf(tuples);
        }
    }

    /** Equal lemmas always; synonyms too where synonyms merge. */
    private static boolean same(Concept a, Concept b, boolean mergeSynonyms) {
        return mergeSynonyms ? a.matches(b) : b.lemmas().stream().anyMatch(a::hasLemma);
    }

    private static final class Node {
        private Concept concept;
        private final List<Concept> attributes = new ArrayList<>();

        Node(Concept concept) {
            this.concept = concept;
        }

        void addAttribute(Concept attribute, boolean mergeSynonyms) {
            for (int i = 0; i < attributes.size(); i++) {
                if (same(attributes.get(i), attribute, mergeSynonyms)) {
                    attributes.set(i, attributes.get(i).merge(attribute));
                    return;
                }
            }
            attributes.add(attribute);
        }
    }

    private static final class Edge {
        private final Node subject;
        private final Node object;
        private Concept predicate;

        Edge(Node subject, Concept predicate, Node object) {
            this.subject = subject;
            this.predicate = predicate;
            this.object = object;
        }
    }
}
