package io.scstbus.rewards.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Parses each distinct caption once per process: in SCST the same texts recur constantly (greedy
 * captions, repeated samples, every reference of every step). Bounded: past {@code maxEntries} the
 * least recently used graph is evicted. Concurrent requests for a text being parsed wait for that one
 * parse instead of starting another. Keys are the exact caption text. Thread-safe.
 */
public final class CachingSceneGraphParser implements SceneGraphParser {

    /** Cache counters at one moment; {@code hits + misses} is the number of {@code parse} calls. */
    public record Stats(long hits, long misses, long evictions, int size) {

        public double hitRate() {
            long calls = hits + misses;
            return calls == 0 ? 0.0 : (double) hits / calls;
        }
    }

    private final SceneGraphParser delegate;
    private final int maxEntries;
    private final Map<String, SceneGraph> lru;
    private final ConcurrentHashMap<String, CompletableFuture<SceneGraph>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    public CachingSceneGraphParser(SceneGraphParser delegate, int maxEntries) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("scene-graph cache size must be >= 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.lru = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SceneGraph> eldest) {
                boolean evict = size() > CachingSceneGraphParser.this.maxEntries;
                if (evict) {
                    evictions.increment();
                }
                return evict;
            }
        };
    }

    @Override
    public SceneGraph parse(String caption) {
        SceneGraph cached = lookup(caption);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        CompletableFuture<SceneGraph> mine = new CompletableFuture<>();
        CompletableFuture<SceneGraph> running = inFlight.putIfAbsent(caption, mine);
        if (running != null) {
            hits.increment();
            return await(running);
        }
        try {
            cached = lookup(caption);
            if (cached != null) {
                hits.increment();
                mine.complete(cached);
                return cached;
            }
            misses.increment();
            SceneGraph graph = delegate.parse(caption);
            synchronized (lru) {
                lru.put(caption, graph);
            }
            mine.complete(graph);
            return graph;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(caption, mine);
        }
    }

    private SceneGraph lookup(String caption) {
        synchronized (lru) {
            return lru.get(caption);
        }
    }

    private static SceneGraph await(CompletableFuture<SceneGraph> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    @Override
    public String version() {
        return delegate.version();
    }

    public SceneGraphParser delegate() {
        return delegate;
    }

    public Stats stats() {
        int size;
        synchronized (lru) {
            size = lru.size();
        }
        return new Stats(hits.sum(), misses.sum(), evictions.sum(), size);
    }
}
