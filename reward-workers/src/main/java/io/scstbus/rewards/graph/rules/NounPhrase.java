package io.scstbus.rewards.graph.rules;

import io.scstbus.rewards.text.NumberWords;
import java.util.ArrayList;
import java.util.List;

/** A noun phrase read from a caption: its head entity and what its modifiers say about it. */
final class NounPhrase {

    final String text;
    final String lemma;
    Integer count;
    String quantity;
    final List<String> attributes = new ArrayList<>();

    NounPhrase(String text, String lemma) {
        this.text = text;
        this.lemma = lemma;
    }

    /** Reads tokens {@code [from, head]} of {@code toks}; {@code head} is the head noun. */
    static NounPhrase read(List<Tok> toks, int from, int head) {
        Tok headTok = toks.get(head);
        NounPhrase np = new NounPhrase(headTok.word, headTok.lemma);
        String pendingAdverb = null;
        for (int k = from; k < head; k++) {
            Tok t = toks.get(k);
            boolean beforeOf = k + 1 < head && toks.get(k + 1).word.equals("of");
            if (t.word.equals("of") || t.word.equals("and") || t.word.equals(",")) {
                continue;
            }
            if (beforeOf && Lexicon.PARTITIVES.contains(t.word)) {
                np.partitive(t.word);
                continue;
            }
            if (t.is("NUM") || Lexicon.NUMBERS.containsKey(t.word)) {
                Integer n = number(t.word);
                if (n != null && np.quantity == null) {
                    np.count = n;
                }
                continue;
            }
            if (t.is("QNT")) {
                np.count = null;
                np.quantity = t.word.equals("few") && k > from && toks.get(k - 1).word.equals("a") ? "a few" : t.word;
                continue;
            }
            if (t.is("ADV")) {
                pendingAdverb = pendingAdverb == null ? t.word : pendingAdverb + " " + t.word;
                continue;
            }
            if (t.is("DET") || t.is("PRON") || t.is("PART") || t.is("PUNCT") || Lexicon.NOT_ATTRIBUTES.contains(t.word)) {
                continue;
            }
            String attribute = t.word;
            if (k + 1 < head && toks.get(k + 1).word.endsWith("shaped")) {
                pendingAdverb = pendingAdverb == null ? t.word : pendingAdverb + " " + t.word;
                continue;
            }
            if (Lexicon.COLOURS.contains(t.word) && (t.word.equals("dark") || t.word.equals("light"))
                    && k + 1 < head && Lexicon.COLOURS.contains(toks.get(k + 1).word)) {
                pendingAdverb = pendingAdverb == null ? t.word : pendingAdverb + " " + t.word;
                continue;
            }
            if (pendingAdverb != null) {
                attribute = pendingAdverb + " " + attribute;
                pendingAdverb = null;
            }
            np.attributes.add(attribute);
        }
        return np;
    }

    private void partitive(String word) {
        String attribute = Lexicon.PARTITIVE_ATTRIBUTES.get(word);
        if (attribute != null) {
            attributes.add(attribute);
        }
        if (word.equals("pair")) {
            count = 2;
            quantity = null;
        } else if (Lexicon.VAGUE.contains(word)) {
            count = null;
            quantity = word.equals("lot") ? "lots of" : word + " of";
        }
    }

    static Integer number(String word) {
        Integer n = Lexicon.NUMBERS.get(word);
        return n != null ? n : NumberWords.value(word);
    }
}
