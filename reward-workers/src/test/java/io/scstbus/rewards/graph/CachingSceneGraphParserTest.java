package io.scstbus.rewards.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingSceneGraphParserTest {

    /** Counts calls; the graph holds the caption as its single entity. */
    private static final class CountingParser implements SceneGraphParser {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public SceneGraph parse(String caption) {
            calls.incrementAndGet();
            return SceneGraph.builder().entity(caption.isBlank() ? "blank" : caption).build();
        }
    }

    @Test
    void repeatedCaptionsAreParsedOnce() {
        CountingParser delegate = new CountingParser();
        CachingSceneGraphParser cache = new CachingSceneGraphParser(delegate, 100);
        SceneGraph first = cache.parse("many planes are parked in an airport .");
        SceneGraph second = cache.parse("many planes are parked in an airport .");
        assertSame(first, second);
        assertEquals(1, delegate.calls.get());
        assertEquals(new CachingSceneGraphParser.Stats(1, 1, 0, 1), cache.stats());
    }

    @Test
    void leastRecentlyUsedEntryIsEvictedPastTheBound() {
        CountingParser delegate = new CountingParser();
        CachingSceneGraphParser cache = new CachingSceneGraphParser(delegate, 2);
        cache.parse("a");
        cache.parse("b");
        cache.parse("a");
        cache.parse("c");
        cache.parse("a");
        assertEquals(3, delegate.calls.get());
        cache.parse("b");
        assertEquals(4, delegate.calls.get());
        assertEquals(2, cache.stats().evictions());
        assertEquals(2, cache.stats().size());
    }

    @Test
    void concurrentRequestsForOneCaptionShareOneParse() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        SceneGraphParser slow = caption -> {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SceneGraph.builder().entity("x").build();
        };
        CachingSceneGraphParser cache = new CachingSceneGraphParser(slow, 10);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SceneGraph> a = pool.submit(() -> cache.parse("same"));
            entered.await(5, TimeUnit.SECONDS);
            Future<SceneGraph> b = pool.submit(() -> cache.parse("same"));
            Thread.sleep(50);
            release.countDown();
            assertSame(a.get(5, TimeUnit.SECONDS), b.get(5, TimeUnit.SECONDS));
            assertEquals(1, calls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedParseIsNotCached() {
        AtomicInteger calls = new AtomicInteger();
        SceneGraphParser failing = caption -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("model hiccup");
            }
            return SceneGraph.EMPTY;
        };
        CachingSceneGraphParser cache = new CachingSceneGraphParser(failing, 10);
        assertThrows(IllegalStateException.class, () -> cache.parse("x"));
        assertSame(SceneGraph.EMPTY, cache.parse("x"));
        assertEquals(2, calls.get());
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThrows(IllegalArgumentException.class, () -> new CachingSceneGraphParser(new CountingParser(), 0));
    }
}
