package io.scstbus.rewards.graph.rules;

import io.scstbus.rewards.graph.SceneGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a caption's chunks and emits FACTUAL-style facts. The rules, in order of use:
 * <ul>
 *   <li>Coordinated noun phrases ({@code buildings and trees}) act together as subject or object.</li>
 *   <li>A clause's first noun phrase is its subject; after {@code there is} the next one is.</li>
 *   <li>Verb (+ particle or preposition) between two phrases: {@code ( s , park next to , o )}, with the
 *       verb lemmatised; a passive {@code is surrounded by Y} gives {@code ( Y , surround , s )}.</li>
 *   <li>A preposition attaches to the nearest phrase before it ({@code building in airport}), or to the
 *       subject right after {@code be} ({@code trees are around the pond}); a fronted one
 *       ({@code next to the river is a road}) to the subject that follows.</li>
 *   <li>{@code X of Y} is {@code ( Y , have , X )}, FACTUAL's most frequent reading; {@code Y 's X} too.</li>
 *   <li>Adjectives after {@code be} are attributes of the subject.</li>
 *   <li>A relative pronoun, or a verb after a clause already has one, takes the nearest phrase as subject.</li>
 * </ul>
 */
final class GraphAssembler {

    private record Pending(List<NounPhrase> subjects, String predicate, boolean reversed) {
    }

    private final SceneGraph.Builder graph = SceneGraph.builder();
    private final Set<String> counted = new HashSet<>();
    private final Set<String> quantified = new HashSet<>();
    private List<NounPhrase> subjects = List.of();
    private List<NounPhrase> last = List.of();
    private Pending pending;
    private String frontedPredicate;
    private List<NounPhrase> frontedObjects = List.of();
    private boolean clauseHasPredicate;
    private boolean afterBe;
    private boolean afterAttribute;
    private boolean afterRel;
    private boolean there;
    private boolean coordinatedVerb;

    static SceneGraph assemble(List<Chunk> chunks) {
        GraphAssembler assembler = new GraphAssembler();
        assembler.walk(chunks);
        return assembler.graph.build();
    }

    private void walk(List<Chunk> chunks) {
        int i = 0;
        while (i < chunks.size()) {
            Chunk c = chunks.get(i);
            Chunk next = i + 1 < chunks.size() ? chunks.get(i + 1) : null;
            switch (c.kind()) {
                case NP -> {
                    List<NounPhrase> group = new ArrayList<>();
                    group.add(c.np());
                    i++;
                    while (i + 1 < chunks.size() && chunks.get(i).kind() == Chunk.Kind.CONJ
                            && chunks.get(i + 1).kind() == Chunk.Kind.NP) {
                        group.add(chunks.get(i + 1).np());
                        i += 2;
                    }
                    nounPhrases(group);
                    continue;
                }
                case BE -> afterBe = true;
                case THERE -> there = true;
                case ADJP -> {
                    if (afterBe || afterAttribute) {
                        for (NounPhrase s : afterRel || subjects.isEmpty() ? last : subjects) {
                            graph.attribute(s.text, c.text());
                        }
                        clauseHasPredicate = true;
                        afterBe = false;
                        afterAttribute = true;
                    }
                }
                case VERB -> {
                    i = verb(chunks, i);
                    continue;
                }
                case PREP -> {
                    if (c.text().equals("'s")) {
                        pending = last.isEmpty() ? null : new Pending(last, "have", false);
                    } else {
                        preposition(c.text());
                    }
                }
                case CONJ -> coordinatedVerb = next != null && next.kind() == Chunk.Kind.VERB;
                case REL -> afterRel = true;
                case STOP -> reset();
                case OTHER -> {
                }
            }
            i++;
        }
    }

    private void nounPhrases(List<NounPhrase> group) {
        for (NounPhrase np : group) {
            graph.entity(np.text, np.lemma);
            if (np.count != null && counted.add(np.text)) {
                graph.count(np.text, np.count);
            }
            if (np.quantity != null && quantified.add(np.text)) {
                graph.quantity(np.text, np.quantity);
            }
            np.attributes.forEach(a -> graph.attribute(np.text, a));
        }
        if (pending != null) {
            relate(pending.subjects(), pending.predicate(), group, pending.reversed());
            pending = null;
        } else if (frontedPredicate != null && subjects.isEmpty() && frontedObjects.isEmpty()) {
            frontedObjects = group;
        } else if (there || subjects.isEmpty() || clauseHasPredicate && !afterBe) {
            subjects = group;
            clauseHasPredicate = false;
            there = false;
            if (frontedPredicate != null && !frontedObjects.isEmpty()) {
                relate(group, frontedPredicate, frontedObjects, false);
                frontedPredicate = null;
                frontedObjects = List.of();
            }
        } else if (afterBe && frontedPredicate != null && !frontedObjects.isEmpty()) {
            relate(group, frontedPredicate, frontedObjects, false);
            frontedPredicate = null;
            frontedObjects = List.of();
        }
        last = group;
        afterBe = false;
        afterAttribute = false;
    }

    private int verb(List<Chunk> chunks, int i) {
        String predicate = chunks.get(i).text();
        List<NounPhrase> subject;
        if (afterRel || clauseHasPredicate && !coordinatedVerb) {
            subject = last.isEmpty() ? subjects : last;
        } else {
            subject = subjects.isEmpty() ? last : subjects;
        }
        boolean reversed = false;
        int j = i + 1;
        if (j < chunks.size() && chunks.get(j).kind() == Chunk.Kind.PREP) {
            String prep = chunks.get(j).text();
            if (afterBe && prep.equals("by")) {
                reversed = true;
            } else if (!predicate.equals("be") && !predicate.equals("have")) {
                predicate = predicate + " " + prep;
            } else {
                predicate = prep;
            }
            j++;
        }
        pending = subject.isEmpty() ? null : new Pending(subject, predicate, reversed);
        clauseHasPredicate = true;
        afterBe = false;
        afterRel = false;
        coordinatedVerb = false;
        return j;
    }

    private void preposition(String prep) {
        List<NounPhrase> subject = afterBe && !subjects.isEmpty() ? subjects : last;
        if (subject.isEmpty()) {
            frontedPredicate = prep;
            frontedObjects = List.of();
            return;
        }
        if (prep.equals("of")) {
            pending = new Pending(subject, "have", true);
        } else {
            pending = new Pending(subject, prep, false);
        }
        clauseHasPredicate = clauseHasPredicate || afterBe;
        afterBe = false;
    }

    private void relate(List<NounPhrase> subjects, String predicate, List<NounPhrase> objects, boolean reversed) {
        for (NounPhrase s : subjects) {
            for (NounPhrase o : objects) {
                if (!s.text.equals(o.text) || s != o) {
                    if (reversed) {
                        graph.relation(o.text, predicate, s.text);
                    } else {
                        graph.relation(s.text, predicate, o.text);
                    }
                }
            }
        }
    }

    private void reset() {
        subjects = List.of();
        last = List.of();
        pending = null;
        frontedPredicate = null;
        frontedObjects = List.of();
        clauseHasPredicate = false;
        afterBe = false;
        afterAttribute = false;
        afterRel = false;
        there = false;
        coordinatedVerb = false;
    }
}
