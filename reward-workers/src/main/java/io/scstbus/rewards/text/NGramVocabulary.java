package io.scstbus.rewards.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frozen dictionary of n-grams (orders 1..{@link NGrams#MAX_ORDER}) to dense ids {@code 0..size()-1}.
 * An n-gram of order k > 1 is its (k-1)-gram prefix plus one token, so each n-gram costs one primitive
 * hash lookup. Immutable and thread-safe; extended per call by an {@link NGramCounter}.
 */
public final class NGramVocabulary {

    public static final NGramVocabulary EMPTY = new NGramVocabulary(
            Map.of(), new LongIntMap(4), new int[0], new int[0], new String[0], new byte[0]);

    private final Map<String, Integer> unigrams;
    private final LongIntMap extensions;
    private final int[] prefix;
    private final int[] last;
    private final String[] text;
    private final byte[] order;

    NGramVocabulary(Map<String, Integer> unigrams, LongIntMap extensions,
                    int[] prefix, int[] last, String[] text, byte[] order) {
        this.unigrams = unigrams;
        this.extensions = extensions;
        this.prefix = prefix;
        this.last = last;
        this.text = text;
        this.order = order;
    }

    /** Number of n-grams of all orders. */
    public int size() {
        return prefix.length;
    }

    /** The id of a one-token n-gram, or -1. */
    public int unigram(String token) {
        Integer id = unigrams.get(token);
        return id == null ? -1 : id;
    }

    /** The id of n-gram {@code prefixId} followed by token {@code unigramId}, or -1. */
    public int extend(int prefixId, int unigramId) {
        return extensions.get(key(prefixId, unigramId));
    }

    /** The id of an n-gram given by its tokens, or -1 when absent (or longer than 4 tokens). */
    public int find(List<String> ngram) {
        if (ngram.isEmpty() || ngram.size() > NGrams.MAX_ORDER) {
            return -1;
        }
        int id = unigram(ngram.get(0));
        for (int i = 1; i < ngram.size() && id >= 0; i++) {
            int next = unigram(ngram.get(i));
            id = next < 0 ? -1 : extend(id, next);
        }
        return id;
    }

    /** The order (number of tokens) of n-gram {@code id}. */
    public int order(int id) {
        return order[id];
    }

    /** The tokens of n-gram {@code id}, first to last. */
    public List<String> tokens(int id) {
        List<String> tokens = new ArrayList<>(order[id]);
        for (int current = id; current >= 0; current = prefix[current]) {
            tokens.add(text[last[current]]);
        }
        Collections.reverse(tokens);
        return tokens;
    }

    static long key(int prefixId, int unigramId) {
        return ((long) prefixId << 32) | (unigramId & 0xFFFFFFFFL);
    }

    /** Copies of the tables, for an {@link NGramCounter} that will grow them into a new vocabulary. */
    Map<String, Integer> unigramTable() {
        return new HashMap<>(unigrams);
    }

    LongIntMap extensionTable() {
        return extensions.copy();
    }

    int prefixOf(int id) {
        return prefix[id];
    }

    int lastOf(int id) {
        return last[id];
    }

    String textOf(int id) {
        return text[id];
    }
}
