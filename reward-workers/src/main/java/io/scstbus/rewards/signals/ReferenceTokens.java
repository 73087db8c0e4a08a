package io.scstbus.rewards.signals;

import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tokenised captions shared by the text-metric signals ({@code cider_d}, {@code bleu_4}, {@code rouge_l}):
 * references are static per image, so each image's reference captions are tokenised once and reused by
 * every signal and every rollout of that image; candidates are remembered briefly, because each candidate
 * is scored by several signals in a row. Both maps are bounded (least recently used evicted) and keyed by
 * the exact texts, so a reloaded reference set is never served stale. Thread-safe; a value computed twice
 * by two threads at once is simply the same value.
 */
public final class ReferenceTokens {

    /** Default bound on cached images: RSICD has about 11,000 images, UCM 2,100. */
    public static final int DEFAULT_IMAGES = 20_000;
    /** Default bound on cached candidate texts. */
    public static final int DEFAULT_CANDIDATES = 4_096;

    /** Cache counters at one moment. */
    public record Stats(long hits, long misses, int size) {
    }

    private record Key(String dataset, String imageId, List<String> captions) {
    }

    /** A candidate's tokens as the tokenizer gave them, and as the metrics split them. */
    private record Candidate(List<String> tokens, CaptionTokens caption) {
    }

    private final Tokenizer tokenizer;
    private final Map<Key, List<CaptionTokens>> images;
    private final Map<String, Candidate> candidates;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public ReferenceTokens(Tokenizer tokenizer) {
        this(tokenizer, DEFAULT_IMAGES, DEFAULT_CANDIDATES);
    }

    public ReferenceTokens(Tokenizer tokenizer, int maxImages, int maxCandidates) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        if (maxImages < 1 || maxCandidates < 1) {
            throw new IllegalArgumentException("token cache sizes must be >= 1, got images " + maxImages
                    + ", candidates " + maxCandidates);
        }
        this.images = lru(maxImages);
        this.candidates = lru(maxCandidates);
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(Math.min(max, 1 << 12), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The tokens of each reference caption of {@code references}, in caption order. */
    public List<CaptionTokens> references(ReferenceContext references) {
        Key key = new Key(references.dataset(), references.imageId(), references.captions());
        List<CaptionTokens> tokens;
        synchronized (images) {
            tokens = images.get(key);
        }
        if (tokens != null) {
            hits.increment();
            return tokens;
        }
        misses.increment();
        List<CaptionTokens> computed = new ArrayList<>(references.captions().size());
        for (String caption : references.captions()) {
            computed.add(CaptionTokens.of(tokenizer, caption));
        }
        computed = List.copyOf(computed);
        synchronized (images) {
            images.put(key, computed);
        }
        return computed;
    }

    /** The tokens of one candidate caption, as the metrics split them. */
    public CaptionTokens candidate(String caption) {
        return lookup(caption).caption();
    }

    /** The tokenizer's tokens of one candidate caption (what {@code length} counts). */
    public List<String> candidateTokens(String caption) {
        return lookup(caption).tokens();
    }

    private Candidate lookup(String caption) {
        Candidate tokens;
        synchronized (candidates) {
            tokens = candidates.get(caption);
        }
        if (tokens != null) {
            return tokens;
        }
        List<String> raw = List.copyOf(tokenizer.tokenize(caption));
        tokens = new Candidate(raw, CaptionTokens.of(String.join(" ", raw)));
        synchronized (candidates) {
            candidates.put(caption, tokens);
        }
        return tokens;
    }

    /** Hits and misses of the per-image reference cache. */
    public Stats stats() {
        int size;
        synchronized (images) {
            size = images.size();
        }
        return new Stats(hits.sum(), misses.sum(), size);
    }
}
