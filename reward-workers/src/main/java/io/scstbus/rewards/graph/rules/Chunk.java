package io.scstbus.rewards.graph.rules;

/** A caption piece the relation rules walk over: a noun phrase, a verb, a preposition, a link word. */
record Chunk(Kind kind, String text, NounPhrase np) {

    enum Kind {
        /** A noun phrase; {@link #np()} holds it. */
        NP,
        /** A content verb; text is its lemma ({@code park}); "have" included. */
        VERB,
        /** A simple or complex preposition, normalised ({@code next to}, {@code on side of}). */
        PREP,
        /** A form of "be". */
        BE,
        /** Adjectives after "be": text is the attribute. */
        ADJP,
        /** and / or / comma between phrases. */
        CONJ,
        /** that / which / who / where opening a relative clause. */
        REL,
        /** "there" of "there is / there are". */
        THERE,
        /** End of a clause: full stop, semicolon, subordinator. */
        STOP,
        /** Anything the rules ignore. */
        OTHER
    }

    static Chunk of(Kind kind, String text) {
        return new Chunk(kind, text, null);
    }

    static Chunk np(NounPhrase np) {
        return new Chunk(Kind.NP, np.text, np);
    }
}
