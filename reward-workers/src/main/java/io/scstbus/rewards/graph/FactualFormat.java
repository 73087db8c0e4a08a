package io.scstbus.rewards.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The FACTUAL text format: {@code ( s , p , o ) , ( e , is , attr ) , ( e , is , 3 ) , ( e )}.
 *
 * <p>Reading applies FACTUAL's post-processing ({@code clean_graph_string}): a truncated last fact (a
 * model output cut at its token limit) is dropped, or reduced to its first field when it is the only
 * fact; duplicate facts count once; {@code is} followed by digits is a count, anything else after
 * {@code is} an attribute. Unlike FACTUAL's own reader, a bare {@code ( e )} is kept wherever it appears.
 * Problems are reported with their offset to a {@link ParseErrorList}; reading never throws on bad input.
 *
 * <p>Writing follows FACTUAL's data: a count of 1 is not written, vague quantities ({@code many}) are not
 * written, and an entity that appears in no other fact is written bare. Characters that would break the
 * format ({@code ( ) ,}) inside a name are replaced by spaces.
 */
public final class FactualFormat {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern RESERVED = Pattern.compile("[(),]");

    private FactualFormat() {
    }

    /** Reads a graph, ignoring errors. */
    public static SceneGraph read(String text) {
        return read(text, ParseErrorList.noTracking());
    }

    /** Reads a graph; problems go to {@code errors}. Entity lemmas are the names as written. */
    public static SceneGraph read(String text, ParseErrorList errors) {
        SceneGraph.Builder graph = SceneGraph.builder();
        if (text == null) {
            return graph.build();
        }
        Set<String> counted = new HashSet<>();
        int facts = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            if (c != '(') {
                errors.add(i, "unexpected '" + c + "' outside a fact");
                int next = text.indexOf('(', i);
                i = next < 0 ? n : next;
                continue;
            }
            int close = text.indexOf(')', i + 1);
            int reopen = text.indexOf('(', i + 1);
            if (close < 0) {
                if (facts == 0) {
                    String first = clean(text.substring(i + 1).split(",", -1)[0]);
                    if (!first.isEmpty()) {
                        graph.entity(first);
                    }
                    errors.add(i, "truncated fact; kept its first field only");
                } else {
                    errors.add(i, "truncated last fact dropped");
                }
                break;
            }
            if (reopen >= 0 && reopen < close) {
                errors.add(i, "fact not closed before the next '('");
                i = reopen;
                continue;
            }
            addFact(graph, text.substring(i + 1, close), i, errors, counted);
            facts++;
            i = close + 1;
        }
        return graph.build();
    }

    private static void addFact(SceneGraph.Builder graph, String body, int offset, ParseErrorList errors,
                                Set<String> counted) {
        String[] raw = body.split(",", -1);
        List<String> fields = new ArrayList<>(raw.length);
        for (String field : raw) {
            fields.add(clean(field));
        }
        if (fields.stream().anyMatch(String::isEmpty)) {
            errors.add(offset, "fact with an empty field skipped: (" + body + ")");
            return;
        }
        switch (fields.size()) {
            case 1 -> graph.entity(fields.get(0));
            case 2 -> errors.add(offset, "fact with 2 fields skipped: (" + body + ")");
            case 3 -> addTriple(graph, fields.get(0), fields.get(1), fields.get(2), offset, errors, counted);
            default -> {
                String predicate = String.join(" ", fields.subList(1, fields.size() - 1));
                errors.add(offset, "fact with " + fields.size() + " fields read as relation '" + predicate + "'");
                addTriple(graph, fields.get(0), predicate, fields.get(fields.size() - 1), offset, errors, counted);
            }
        }
    }

    private static void addTriple(SceneGraph.Builder graph, String s, String p, String o, int offset,
                                  ParseErrorList errors, Set<String> counted) {
        if (!p.equals("is")) {
            graph.relation(s, p, o);
            return;
        }
        if (!DIGITS.matcher(o).matches()) {
            graph.attribute(s, o);
            return;
        }
        int count;
        try {
            count = Integer.parseInt(o);
        } catch (NumberFormatException e) {
            errors.add(offset, "count " + o + " of '" + s + "' out of range; kept as attribute");
            graph.attribute(s, o);
            return;
        }
        if (counted.add(s)) {
            graph.count(s, count);
        } else {
            errors.add(offset, "second count " + count + " of '" + s + "' ignored");
        }
    }

    private static String clean(String field) {
        return SPACES.matcher(field.strip()).replaceAll(" ");
    }

    /** Writes {@code graph} as FACTUAL writes graphs; the empty graph is the empty string. */
    public static String write(SceneGraph graph) {
        List<String> facts = new ArrayList<>();
        Set<String> mentioned = new HashSet<>();
        for (Entity entity : graph.entities()) {
            String e = name(entity.text());
            for (String attribute : entity.attributes()) {
                facts.add(fact(e, "is", name(attribute)));
                mentioned.add(entity.text());
            }
            if (entity.count() != null && entity.count() != 1) {
                facts.add(fact(e, "is", Integer.toString(entity.count())));
                mentioned.add(entity.text());
            }
        }
        for (Relation relation : graph.relations()) {
            facts.add(fact(name(relation.subject()), name(relation.predicate()), name(relation.object())));
            mentioned.add(relation.subject());
            mentioned.add(relation.object());
        }
        for (Entity entity : graph.entities()) {
            if (!mentioned.contains(entity.text())) {
                facts.add("( " + name(entity.text()) + " )");
            }
        }
        return String.join(" , ", new java.util.LinkedHashSet<>(facts));
    }

    private static String fact(String s, String p, String o) {
        return "( " + s + " , " + p + " , " + o + " )";
    }

    private static String name(String text) {
        return clean(RESERVED.matcher(text).replaceAll(" "));
    }
}
