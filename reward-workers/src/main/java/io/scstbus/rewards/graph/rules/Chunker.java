package io.scstbus.rewards.graph.rules;

import io.scstbus.rewards.text.WordNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns tagged tokens into chunks: corrects tags the rules depend on (numbers, quantifiers, colour
 * nouns used as adjectives), merges multi-word nouns into one token, then reads noun phrases,
 * verb groups and (complex) prepositions.
 */
final class Chunker {

    private static final Set<String> TO_PREPOSITIONS = Set.of("next", "close", "adjacent", "near", "closer", "due");
    private static final Set<String> PREPOSITION_WORDS = Set.of("around", "near", "along", "beside", "behind",
            "inside", "outside", "across", "through", "between", "among", "amongst", "surrounding", "besides",
            "alongside", "beneath", "below", "above", "over", "under", "atop", "onto", "into", "by", "past",
            "nearby", "within", "like", "on", "in", "at", "of", "with", "from", "to", "for", "off", "up", "down",
            "toward", "towards", "against", "beyond", "throughout", "underneath", "upon", "amid", "amidst");
    /** Verbs the tagger reads as plural nouns after a singular noun ("a river runs through"). */
    private static final Set<String> THIRD_PERSON_VERBS = Set.of("runs", "goes", "crosses", "flows", "passes",
            "lies", "sits", "stands", "stretches", "winds", "surrounds", "divides", "leads", "separates",
            "traverses", "contains", "holds", "wears", "rides", "eats", "hangs", "covers", "extends", "connects",
            "spans", "borders", "meets", "looks", "walks", "plays", "carries", "grows", "rests", "leans", "faces",
            "reaches", "cuts", "lays", "flies", "swims", "jumps", "throws", "catches", "hits", "drinks");
    private static final Set<String> BE = Set.of("is", "are", "was", "were", "be", "been", "being", "'s", "am", "'re");
    private static final Set<String> HAVE = Set.of("has", "have", "had", "having");
    private static final Set<String> RELATIVES = Set.of("that", "which", "who", "where", "whose");
    private static final Set<String> STOPS = Set.of(".", ";", "!", "?", "while", "because", "but", "so", "although");

    private final Lexicon lexicon;
    private final WordNet wordNet;

    Chunker(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.wordNet = lexicon.wordNet();
    }

    List<Chunk> chunk(String[] words, String[] tags) {
        List<Tok> toks = mergeCompounds(fixTags(words, tags));
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            i = next(toks, i, chunks);
        }
        return chunks;
    }

    private List<Tok> fixTags(String[] words, String[] tags) {
        List<Tok> toks = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String tag = tags[i];
            String next = i + 1 < words.length ? words[i + 1] : "";
            String nextTag = i + 1 < tags.length ? tags[i + 1] : "";
            if (NounPhrase.number(w) != null && !w.equals("a") && !w.equals("an")) {
                tag = "NUM";
            } else if (Lexicon.VAGUE.contains(w) && !next.equals("of")
                    && (nextTag.equals("NOUN") || nextTag.equals("ADJ") || nextTag.equals("PROPN")
                    || nextTag.equals("NUM") || nextTag.equals("VERB") && next.endsWith("ed"))) {
                tag = "QNT";
            } else if ((tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("VERB"))
                    && (nextTag.equals("NOUN") || nextTag.equals("ADJ")) && Lexicon.COLOURS.contains(w)) {
                tag = "ADJ";
            } else if ((tag.equals("NOUN") || tag.equals("PROPN")) && !wordNet.isNoun(wordNet.nounLemma(w))
                    && wordNet.isAdjective(w)) {
                tag = "ADJ";
            } else if (tag.equals("NOUN") && i > 0 && THIRD_PERSON_VERBS.contains(w) && tags[i - 1].equals("NOUN")
                    && !words[i - 1].endsWith("s") && (nextTag.equals("ADP") || nextTag.equals("DET"))) {
                tag = "VERB"; // "a river runs through": a third-person verb the tagger read as a plural noun
            } else if (tag.equals("ADV") && (Lexicon.COLOURS.contains(w) || i > 0 && BE.contains(words[i - 1])
                    && (nextTag.isEmpty() || nextTag.equals("PUNCT") || nextTag.equals("CCONJ"))
                    && wordNet.isAdjective(w))) {
                tag = "ADJ";
            } else if (tag.equals("VERB") && i > 0 && !w.endsWith("ing") && !w.endsWith("ed")
                    && (HAVE.contains(words[i - 1]) || tags[i - 1].equals("DET") || tags[i - 1].equals("ADJ")
                    || tags[i - 1].equals("NUM")) && wordNet.isNoun(wordNet.nounLemma(w))) {
                tag = "NOUN";
            } else if (tag.equals("ADJ") && !wordNet.isAdjective(w) && wordNet.isNoun(wordNet.nounLemma(w))
                    && !w.endsWith("ed") && !w.endsWith("ing")) {
                tag = "NOUN";
            }
            String lemma = switch (tag) {
                case "NOUN", "PROPN" -> wordNet.nounLemma(w);
                case "VERB", "AUX" -> wordNet.verbLemma(w);
                default -> w;
            };
            toks.add(new Tok(w, tag, lemma));
        }
        return toks;
    }

    private List<Tok> mergeCompounds(List<Tok> toks) {
        List<Tok> merged = new ArrayList<>(toks.size());
        int i = 0;
        while (i < toks.size()) {
            int taken = 1;
            for (int len = 3; len >= 2 && taken == 1; len--) {
                if (i + len <= toks.size() && isCompound(toks, i, len)) {
                    taken = len;
                }
            }
            if (taken == 1) {
                merged.add(toks.get(i));
            } else {
                StringBuilder text = new StringBuilder();
                for (int k = i; k < i + taken; k++) {
                    text.append(k > i ? " " : "").append(toks.get(k).word);
                }
                merged.add(new Tok(text.toString(), "NOUN", wordNet.nounLemma(text.toString())));
            }
            i += taken;
        }
        return merged;
    }

    private boolean isCompound(List<Tok> toks, int from, int len) {
        Tok first = toks.get(from);
        Tok last = toks.get(from + len - 1);
        StringBuilder phrase = new StringBuilder();
        for (int k = from; k < from + len - 1; k++) {
            Tok t = toks.get(k);
            if (t.is("DET") || t.is("NUM") || t.is("QNT") || t.is("ADP") || t.is("PUNCT") || t.is("CCONJ")) {
                return false;
            }
            phrase.append(t.word).append(' ');
        }
        String lemma = phrase + wordNet.nounLemma(last.word);
        if (lexicon.isDomainCompound(lemma)) {
            return true;
        }
        if (!last.isNoun()) {
            return false;
        }
        boolean nounLike = first.isNoun() || first.word.endsWith("ing");
        return lexicon.isCompound(lemma, nounLike);
    }

    /** Reads one chunk at {@code i}; returns the index after it. */
    private int next(List<Tok> toks, int i, List<Chunk> out) {
        Tok t = toks.get(i);
        String w = t.word;
        String next = i + 1 < toks.size() ? toks.get(i + 1).word : "";
        if (w.equals("there") && (BE.contains(next) || next.equals("exist") || next.equals("exists"))) {
            out.add(Chunk.of(Chunk.Kind.THERE, w));
            return i + 1;
        }
        if (w.equals("'s") && i > 0 && toks.get(i - 1).isNoun() && i + 1 < toks.size()
                && (toks.get(i + 1).isNoun() || toks.get(i + 1).is("ADJ"))) {
            out.add(Chunk.of(Chunk.Kind.PREP, "'s"));
            return i + 1;
        }
        if (BE.contains(w)) {
            out.add(Chunk.of(Chunk.Kind.BE, "be"));
            return i + 1;
        }
        if (HAVE.contains(w)) {
            out.add(Chunk.of(Chunk.Kind.VERB, "have"));
            return i + 1;
        }
        if (RELATIVES.contains(w) && !t.is("DET")) {
            out.add(Chunk.of(Chunk.Kind.REL, w));
            return i + 1;
        }
        if (STOPS.contains(w)) {
            out.add(Chunk.of(Chunk.Kind.STOP, w));
            return i + 1;
        }
        if (w.equals("and") || w.equals("or") || w.equals(",") || w.equals("as well as")) {
            out.add(Chunk.of(Chunk.Kind.CONJ, w));
            return i + 1;
        }
        int prep = preposition(toks, i, out);
        if (prep > i) {
            return prep;
        }
        int np = nounPhrase(toks, i, out);
        if (np > i) {
            return np;
        }
        if (t.is("VERB")) {
            out.add(Chunk.of(Chunk.Kind.VERB, t.lemma));
            return i + 1;
        }
        if (t.is("ADJ")) {
            int j = i;
            StringBuilder attribute = new StringBuilder();
            while (j < toks.size() && (toks.get(j).is("ADJ") || toks.get(j).is("ADV") && j + 1 < toks.size()
                    && toks.get(j + 1).is("ADJ"))) {
                attribute.append(attribute.length() > 0 ? " " : "").append(toks.get(j).word);
                if (toks.get(j).is("ADJ")) {
                    out.add(Chunk.of(Chunk.Kind.ADJP, attribute.toString()));
                    attribute.setLength(0);
                }
                j++;
            }
            return j;
        }
        out.add(Chunk.of(Chunk.Kind.OTHER, w));
        return i + 1;
    }

    private int preposition(List<Tok> toks, int i, List<Chunk> out) {
        Tok t = toks.get(i);
        String next = i + 1 < toks.size() ? toks.get(i + 1).word : "";
        if (TO_PREPOSITIONS.contains(t.word) && next.equals("to")) {
            out.add(Chunk.of(Chunk.Kind.PREP, t.word + " to"));
            return i + 2;
        }
        if (t.word.equals("away") && next.equals("from") || t.word.equals("far") && next.equals("from")) {
            out.add(Chunk.of(Chunk.Kind.PREP, t.word + " from"));
            return i + 2;
        }
        boolean adposition = t.is("ADP") || PREPOSITION_WORDS.contains(t.word) && !t.isNoun() && !t.is("VERB");
        if (!adposition) {
            return i;
        }
        // complex preposition: ADP (DET | both) RELATIONAL_NOUN of
        int j = i + 1;
        while (j < toks.size() && (toks.get(j).is("DET") || Lexicon.NOT_ATTRIBUTES.contains(toks.get(j).word))) {
            j++;
        }
        if (j + 1 < toks.size() && Lexicon.RELATIONAL_NOUNS.contains(toks.get(j).word)
                && toks.get(j + 1).word.equals("of")) {
            String noun = toks.get(j).word;
            String lemma = noun.endsWith("s") && !noun.equals("outskirts") ? noun.substring(0, noun.length() - 1) : noun;
            out.add(Chunk.of(Chunk.Kind.PREP, t.word + " " + lemma + " of"));
            return j + 2;
        }
        if (t.word.equals("in") && next.equals("between")) {
            out.add(Chunk.of(Chunk.Kind.PREP, "between"));
            return i + 2;
        }
        if (t.word.equals("out") && next.equals("of")) {
            out.add(Chunk.of(Chunk.Kind.PREP, t.word + " " + next));
            return i + 2;
        }
        out.add(Chunk.of(Chunk.Kind.PREP, t.word));
        return i + 1;
    }

    private int nounPhrase(List<Tok> toks, int i, List<Chunk> out) {
        int j = i;
        int head = -1;
        while (j < toks.size()) {
            Tok t = toks.get(j);
            Tok prev = j > i ? toks.get(j - 1) : null;
            Tok after = j + 1 < toks.size() ? toks.get(j + 1) : null;
            boolean afterNoun = head >= 0 && head == j - 1;
            if (t.isNoun()) {
                head = j;
            } else if (afterNoun && t.word.endsWith("shaped") && after != null && after.isNoun()) {
                // arc shaped bridge: the noun before "shaped" becomes a modifier
            } else if (afterNoun && !t.word.equals("of")) {
                break;
            } else if (t.is("DET") || t.is("NUM") || t.is("QNT") || t.is("ADJ")
                    || Lexicon.POSSESSIVES.contains(t.word) && t.is("PRON")) {
                if (t.is("DET") && head >= 0) {
                    break;
                }
            } else if (t.is("ADV") && after != null && (after.is("ADJ") || after.is("NUM"))) {
                // partly cloudy, very large
            } else if (t.word.equals("of") && prev != null && Lexicon.PARTITIVES.contains(prev.word)
                    && after != null && !after.is("ADP")) {
                head = -1;
            } else if ((t.word.equals("and") || t.word.equals(",")) && prev != null && prev.is("ADJ")
                    && after != null && after.is("ADJ")) {
                // red and white boats
            } else if (t.is("VERB") && after != null && (after.isNoun() || after.is("ADJ"))
                    && (prev != null && (prev.is("DET") || prev.is("ADJ") || prev.is("NUM") || prev.is("QNT"))
                    && (t.word.endsWith("ed") || t.word.endsWith("ing"))
                    || prev == null && t.word.endsWith("ed") && (i == 0 || !toks.get(i - 1).isNoun()
                    && !toks.get(i - 1).is("AUX") && !BE.contains(toks.get(i - 1).word)))) {
                // parked cars, a stuffed animal; not "men are wearing pants", "pole holding lines"
            } else {
                break;
            }
            j++;
        }
        if (head < 0) {
            return i;
        }
        out.add(Chunk.np(NounPhrase.read(toks, i, head)));
        return head + 1;
    }
}
