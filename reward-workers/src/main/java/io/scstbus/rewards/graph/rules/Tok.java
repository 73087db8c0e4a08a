package io.scstbus.rewards.graph.rules;

/** One token while the rules run: lower-cased word (or merged compound), universal POS tag, lemma. */
final class Tok {

    final String word;
    String tag;
    final String lemma;

    Tok(String word, String tag, String lemma) {
        this.word = word;
        this.tag = tag;
        this.lemma = lemma;
    }

    boolean is(String tagName) {
        return tag.equals(tagName);
    }

    boolean isNoun() {
        return tag.equals("NOUN") || tag.equals("PROPN");
    }

    @Override
    public String toString() {
        return word + "/" + tag;
    }
}
