package io.scstbus.rewards.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the n-grams of token sequences (pycocoevalcap's {@code precook}): the one n-gram path of BLEU
 * and the CIDEr family. Ids come from a frozen {@link NGramVocabulary}; n-grams it lacks get fresh ids
 * {@code >= base.size()}, valid within this counter only. So sequences compared with each other must
 * be counted by the same counter.
 *
 * <p>Not thread-safe: one counter per scoring call (cheap; it allocates only for unseen n-grams), or
 * one to build a vocabulary with {@link #freeze()}. A counter that has counted an image's references
 * can be {@linkplain #extending extended} instead: each candidate's own counter then agrees with it on
 * every n-gram it has seen, and the references need not be counted again per candidate.
 */
public final class NGramCounter {

    private final NGramVocabulary base;
    private final int baseSize;
    /** Read-only once it has a child: its fresh ids precede this counter's. Null for a root counter. */
    private final NGramCounter parent;
    /** The first of this counter's own fresh ids. */
    private final int firstLocalId;
    /** Set when a child extends this counter: counting more here would hand out the child's ids again. */
    private volatile boolean extended;
    private Map<String, Integer> localUnigrams;
    private LongIntMap localExtensions;
    private int[] prefix = new int[0];
    private int[] last = new int[0];
    private String[] text = new String[0];
    private byte[] order = new byte[0];
    private int localSize;

    public NGramCounter(NGramVocabulary base) {
        this.base = base;
        this.baseSize = base.size();
        this.parent = null;
        this.firstLocalId = baseSize;
    }

    private NGramCounter(NGramCounter parent) {
        this.base = parent.base;
        this.baseSize = parent.baseSize;
        this.parent = parent;
        this.firstLocalId = parent.size();
    }

    /**
     * A counter whose ids agree with {@code parent}'s for every n-gram {@code parent} has counted, and
     * fresh ones after them. {@code parent} counts nothing more from now on (it throws), so, once it is
     * safely published, any number of threads may extend it at the same time.
     */
    public static NGramCounter extending(NGramCounter parent) {
        if (parent.parent != null) {
            throw new IllegalArgumentException("a counter that extends another cannot be extended in turn");
        }
        parent.extended = true;
        return new NGramCounter(parent);
    }

    /** A counter with no frozen vocabulary: every n-gram gets a fresh id. */
    public NGramCounter() {
        this(NGramVocabulary.EMPTY);
    }

    /** Number of ids in use: the base vocabulary's and this counter's. */
    public int size() {
        return firstLocalId + localSize;
    }

    /** The 1..4-grams of {@code tokens} with their counts. */
    public NGrams count(List<String> tokens) {
        checkNotExtended();
        int length = tokens.size();
        int[] unigrams = new int[length];
        for (int i = 0; i < length; i++) {
            unigrams[i] = unigramId(tokens.get(i));
        }
        int[][] ids = new int[NGrams.MAX_ORDER][];
        int[][] counts = new int[NGrams.MAX_ORDER][];
        int[] previous = unigrams;
        for (int k = 1; k <= NGrams.MAX_ORDER; k++) {
            int positions = Math.max(0, length - k + 1);
            int[] current;
            if (k == 1) {
                current = unigrams;
            } else {
                current = new int[positions];
                for (int i = 0; i < positions; i++) {
                    current[i] = extensionId(previous[i], unigrams[i + k - 1], k);
                }
            }
            int[] sorted = Arrays.copyOf(current, positions);
            Arrays.sort(sorted);
            runLengths(sorted, k - 1, ids, counts);
            previous = current;
        }
        return new NGrams(length, ids, counts);
    }

    /** The id of an n-gram of 1..4 tokens, adding it (and its prefixes) when new. */
    public int intern(List<String> ngram) {
        if (ngram.isEmpty() || ngram.size() > NGrams.MAX_ORDER) {
            throw new IllegalArgumentException("an n-gram has 1.." + NGrams.MAX_ORDER + " tokens, got " + ngram);
        }
        checkNotExtended();
        int id = unigramId(ngram.get(0));
        for (int k = 2; k <= ngram.size(); k++) {
            id = extensionId(id, unigramId(ngram.get(k - 1)), k);
        }
        return id;
    }

    private void checkNotExtended() {
        if (extended) {
            throw new IllegalStateException("this counter is extended by another: count with that one");
        }
    }

    private static void runLengths(int[] sorted, int index, int[][] ids, int[][] counts) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        int[] distinctIds = new int[distinct];
        int[] runCounts = new int[distinct];
        int run = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                run++;
                distinctIds[run] = sorted[i];
            }
            runCounts[run]++;
        }
        ids[index] = distinctIds;
        counts[index] = runCounts;
    }

    private int unigramId(String token) {
        int id = base.unigram(token);
        if (id >= 0) {
            return id;
        }
        if (parent != null && parent.localUnigrams != null) {
            Integer inherited = parent.localUnigrams.get(token);
            if (inherited != null) {
                return inherited;
            }
        }
        if (localUnigrams == null) {
            localUnigrams = new HashMap<>();
        }
        Integer local = localUnigrams.get(token);
        if (local != null) {
            return local;
        }
        int fresh = add(-1, token, 1);
        localUnigrams.put(token, fresh);
        return fresh;
    }

    private int extensionId(int prefixId, int unigramId, int k) {
        if (prefixId < baseSize && unigramId < baseSize) {
            int id = base.extend(prefixId, unigramId);
            if (id >= 0) {
                return id;
            }
        }
        long key = NGramVocabulary.key(prefixId, unigramId);
        if (parent != null && parent.localExtensions != null) {
            int inherited = parent.localExtensions.get(key);
            if (inherited >= 0) {
                return inherited;
            }
        }
        if (localExtensions == null) {
            localExtensions = new LongIntMap(64);
        }
        int local = localExtensions.get(key);
        if (local >= 0) {
            return local;
        }
        int fresh = add(prefixId, unigramId, k);
        localExtensions.put(key, fresh);
        return fresh;
    }

    /** Records a fresh n-gram; {@code lastToken} is the token text of a unigram, else its unigram id. */
    private int add(int prefixId, Object lastToken, int k) {
        if (localSize == prefix.length) {
            int capacity = Math.max(16, localSize * 2);
            prefix = Arrays.copyOf(prefix, capacity);
            last = Arrays.copyOf(last, capacity);
            text = Arrays.copyOf(text, capacity);
            order = Arrays.copyOf(order, capacity);
        }
        int id = firstLocalId + localSize;
        prefix[localSize] = prefixId;
        if (lastToken instanceof String token) {
            last[localSize] = id;
            text[localSize] = token;
        } else {
            last[localSize] = (Integer) lastToken;
        }
        order[localSize] = (byte) k;
        localSize++;
        return id;
    }

    /** A vocabulary holding the base's n-grams and every n-gram this counter has seen, same ids. */
    public NGramVocabulary freeze() {
        if (parent != null) {
            throw new IllegalStateException("freeze the counter this one extends, not this one");
        }
        Map<String, Integer> unigrams = base.unigramTable();
        if (localUnigrams != null) {
            unigrams.putAll(localUnigrams);
        }
        // every n-gram of order > 1 this counter added is in localExtensions already: over an empty base
        // (a table being built or loaded) a copy of it is the whole table
        boolean copied = baseSize == 0 && localExtensions != null;
        LongIntMap extensions = copied ? localExtensions.copy() : base.extensionTable();
        int total = size();
        int[] allPrefix = new int[total];
        int[] allLast = new int[total];
        String[] allText = new String[total];
        byte[] allOrder = new byte[total];
        for (int id = 0; id < baseSize; id++) {
            allPrefix[id] = base.prefixOf(id);
            allLast[id] = base.lastOf(id);
            allText[id] = base.textOf(id);
            allOrder[id] = (byte) base.order(id);
        }
        for (int i = 0; i < localSize; i++) {
            int id = baseSize + i;
            allPrefix[id] = prefix[i];
            allLast[id] = last[i];
            allText[id] = text[i];
            allOrder[id] = order[i];
            if (prefix[i] >= 0 && !copied) {
                extensions.put(NGramVocabulary.key(prefix[i], last[i]), id);
            }
        }
        return new NGramVocabulary(Map.copyOf(unigrams), extensions, allPrefix, allLast, allText, allOrder);
    }
}
