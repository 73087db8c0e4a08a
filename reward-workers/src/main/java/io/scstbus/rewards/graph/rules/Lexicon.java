package io.scstbus.rewards.graph.rules;

import io.scstbus.rewards.text.NumberWords;
import io.scstbus.rewards.text.WordNet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The closed word lists and phrase lexicons the rules use: number words, quantifiers, partitives,
 * relational nouns of complex prepositions, and which noun-noun pairs are one entity. Immutable.
 */
final class Lexicon {

    /** Number words ({@link NumberWords}) and the words that state a count of one. */
    static final Map<String, Integer> NUMBERS = numbers();

    /** Quantifiers that state an amount without a number. */
    static final Set<String> VAGUE = Set.of("many", "several", "some", "few", "numerous", "multiple", "various",
            "countless", "lots", "lot", "plenty", "dozens", "hundreds", "thousands", "bunch", "number", "couple",
            "group", "groups", "rows", "row", "lines", "line", "clusters", "cluster", "patches", "much", "most",
            "all", "stack", "pile");

    /** Quantifier nouns that take "of" ({@code lots of trees}): the NP's head is after the "of". */
    static final Set<String> PARTITIVES = Set.of("lots", "lot", "plenty", "dozens", "hundreds", "thousands",
            "bunch", "number", "couple", "group", "groups", "rows", "row", "lines", "line", "clusters", "cluster",
            "patches", "patch", "pair", "piece", "pieces", "slice", "part", "stack", "pile", "set", "variety",
            "kinds", "kind", "full", "both", "all", "some", "many", "most", "few", "several");

    /** Partitives FACTUAL writes as an attribute of the head: {@code ( people , is , group of )}. */
    static final Map<String, String> PARTITIVE_ATTRIBUTES = Map.of("group", "group of", "groups", "group of",
            "piece", "piece", "pieces", "piece", "slice", "slice", "part", "part");

    /** Nouns of complex prepositions: {@code in front of}, {@code on top of}, {@code on both sides of}. */
    static final Set<String> RELATIONAL_NOUNS = Set.of("front", "top", "side", "sides", "middle", "center",
            "centre", "edge", "edges", "corner", "back", "left", "right", "bottom", "end", "rear", "outskirts",
            "bank", "banks", "shore", "foot", "periphery");

    /** Determiner-like modifiers that are neither attributes nor quantities ({@code other animals}). */
    static final Set<String> NOT_ATTRIBUTES = Set.of("other", "another", "each", "every", "such", "same", "both");

    static final Set<String> POSSESSIVES = Set.of("his", "her", "their", "its", "my", "your", "our");

    static final Set<String> COLOURS = Set.of("white", "black", "blue", "green", "red", "yellow", "brown",
            "gray", "grey", "orange", "pink", "purple", "silver", "tan", "gold", "beige", "golden", "dark", "light");

    private final WordNet wordNet;
    private final Set<String> domainCompounds;
    private final Set<String> minedCompounds;
    private final Set<String> modifiers;

    Lexicon(WordNet wordNet) {
        this.wordNet = wordNet;
        this.domainCompounds = load("domain-compounds.txt");
        this.minedCompounds = load("compounds.txt");
        this.modifiers = load("modifiers.txt");
    }

    WordNet wordNet() {
        return wordNet;
    }

    /**
     * Whether the words (lemma of the last) are one entity: a remote-sensing phrase, a compound FACTUAL's
     * training graphs keep together, or a WordNet noun that FACTUAL does not split into head + attribute.
     */
    boolean isCompound(String lemmaPhrase, boolean firstIsNounLike) {
        if (domainCompounds.contains(lemmaPhrase) || minedCompounds.contains(lemmaPhrase)) {
            return true;
        }
        return firstIsNounLike && !modifiers.contains(lemmaPhrase) && wordNet.isNoun(lemmaPhrase);
    }

    boolean isDomainCompound(String lemmaPhrase) {
        return domainCompounds.contains(lemmaPhrase);
    }

    private static Map<String, Integer> numbers() {
        Map<String, Integer> m = new HashMap<>(NumberWords.WORDS);
        m.put("single", 1);
        m.put("a", 1);
        m.put("an", 1);
        return Map.copyOf(m);
    }

    private static Set<String> load(String name) {
        Set<String> lines = new HashSet<>();
        InputStream in = Lexicon.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("rules parser resource " + name + " missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(trimmed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules parser resource " + name, e);
        }
        return Set.copyOf(lines);
    }
}
