package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What a dataset's training references (split train or none, as StandardSignals.corpusStats counts them) in the
 * global references store yield, computed on first use and cached per dataset and kind. Shared by a worker's
 * tasks.
 *
 * <p>The references updater, the store's only writer, calls {@link #changed} for every record whose content
 * differs from what the store held; that bumps the dataset's version, and a cached value of an older version
 * is recomputed on its next use. A lookup is a map read and a version compare: no lock, no scan of the store.
 * The version is read before the scan, so a change that lands during a scan is seen by the next lookup.
 */
final class TrainingReferences {

    private record Key(String dataset, String kind) {
    }

    private record Cached(long version, Object value) {
    }

    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    /** The references of {@code dataset} changed (an image added, changed or removed). */
    void changed(String dataset) {
        versions.computeIfAbsent(dataset, d -> new AtomicLong()).incrementAndGet();
    }

    /** {@code derive} applied to the dataset's training references, cached under {@code kind}. */
    <T> T derive(String dataset, String kind, ReadOnlyKeyValueStore<ReferencesKey, ImageReferences> store,
                 Function<List<ImageReferences>, T> derive) {
        long version = version(dataset);
        Key key = new Key(dataset, kind);
        Cached cached = cache.get(key);
        if (cached == null || cached.version() != version) {
            // Tasks that meet a stale value at once may each recompute it; they compute the same value.
            cached = new Cached(version, derive.apply(training(dataset, store)));
            cache.put(key, cached);
        }
        @SuppressWarnings("unchecked")
        T value = (T) cached.value();
        return value;
    }

    private long version(String dataset) {
        AtomicLong version = versions.get(dataset);
        return version == null ? 0 : version.get();
    }

    private static List<ImageReferences> training(String dataset, ReadOnlyKeyValueStore<ReferencesKey, ImageReferences> store) {
        List<ImageReferences> out = new ArrayList<>();
        try (KeyValueIterator<ReferencesKey, ImageReferences> all = store.all()) {
            while (all.hasNext()) {
                ImageReferences refs = all.next().value;
                String split = refs.getSplit();
                if (refs.getDataset().equals(dataset) && (split.isEmpty() || split.equals("train"))) {
                    out.add(refs);
                }
            }
        }
        return out;
    }
}
