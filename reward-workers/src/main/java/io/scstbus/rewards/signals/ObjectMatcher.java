package io.scstbus.rewards.signals;

import io.scstbus.rewards.text.WordNet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether two object names denote the same object; the rules are documented in
 * docs/object-matching.md. Names are compared as lemmas ({@code storage tanks} is {@code storage tank}).
 * Two names match when, in this order:
 * <ol>
 *   <li>their lemmas are equal, or equal once spaces and hyphens are removed ({@code storagetank});</li>
 *   <li>one is in the other's synonym set: WordNet's first noun sense, or a remote-sensing group
 *       ({@code car|vehicle}, {@code ship|boat});</li>
 *   <li>one is a single word and the other a compound whose head (last word) matches it by 1-2:
 *       {@code storage tank} matches {@code tank}, but {@code tennis court} never {@code basketball court};</li>
 *   <li>fuzzy: both single words of 6+ letters, one not in WordNet (a typo), one edit apart
 *       (insertion, deletion, substitution or transposition): {@code buidling} matches {@code building}.</li>
 * </ol>
 * Hypernyms do not match ({@code building} is not {@code house}). Thread-safe.
 */
public final class ObjectMatcher {

    private final WordNet wordNet;
    private final Map<String, Set<String>> groups;
    private final Set<String> nonObjects;

    public ObjectMatcher(WordNet wordNet) {
        this.wordNet = Objects.requireNonNull(wordNet, "wordNet");
        this.groups = loadGroups();
        this.nonObjects = Set.copyOf(loadLines("non-objects.txt"));
    }

    /** The lemma the signals compare: lower case, plural of the last word removed. */
    public String lemma(String name) {
        return wordNet.nounLemma(name.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    /** Whether {@code lemma} names no object of the image ({@code image}, {@code side}, {@code middle}). */
    public boolean isNonObject(String lemma) {
        return nonObjects.contains(lemma);
    }

    /** Whether two lemmas (see {@link #lemma}) denote the same object. */
    public boolean matches(String a, String b) {
        if (sameWord(a, b)) {
            return true;
        }
        boolean compoundA = a.indexOf(' ') >= 0;
        boolean compoundB = b.indexOf(' ') >= 0;
        if (compoundA != compoundB) {
            String compound = compoundA ? a : b;
            String single = compoundA ? b : a;
            return sameWord(compound.substring(compound.lastIndexOf(' ') + 1), single);
        }
        return !compoundA && fuzzy(a, b);
    }

    private boolean sameWord(String a, String b) {
        if (a.equals(b) || squash(a).equals(squash(b))) {
            return true;
        }
        return wordNet.synonyms(a).contains(b) || wordNet.synonyms(b).contains(a)
                || groups.getOrDefault(a, Set.of()).contains(b);
    }

    private boolean fuzzy(String a, String b) {
        if (a.length() < 6 || b.length() < 6 || wordNet.isNoun(a) && wordNet.isNoun(b)) {
            return false;
        }
        return withinOneEdit(a, b);
    }

    static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == a.length() || i == b.length()) {
            return true;
        }
        if (a.length() == b.length()) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true;
            }
            return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i))
                : b.substring(i + 1).equals(a.substring(i));
    }

    private static String squash(String s) {
        return s.replace(" ", "").replace("-", "");
    }

    private static Map<String, Set<String>> loadGroups() {
        Map<String, Set<String>> groups = new HashMap<>();
        for (String line : loadLines("object-synonyms.txt")) {
            Set<String> group = Set.of(line.split("\\|"));
            for (String word : group) {
                groups.computeIfAbsent(word, w -> new HashSet<>()).addAll(group);
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        groups.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }

    /** The non-blank, non-comment lines of a resource next to this class. */
    static Set<String> loadLines(String resource) {
        InputStream in = ObjectMatcher.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("signals resource " + resource + " missing from the classpath");
        }
        Set<String> lines = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return lines;
    }
}
