package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What a dataset's training references (split train or none, as StandardSignals.corpusStats counts them) in the
 * global references store yield, computed on first use and cached per dataset and kind. A cached value is
 * recomputed when the store's size changed since, i.e. after references were loaded or removed. Shared by
 * a worker's tasks.
 */
final class TrainingReferences {

    private record Key(String dataset, String kind) {
    }

    private record Cached(long storeSize, Object value) {
    }

    private final Map<Key, Cached> cache = new HashMap<>();

    /** {@code derive} applied to the dataset's training references, cached under {@code kind}. */
    synchronized <T> T derive(String dataset, String kind, ReadOnlyKeyValueStore<ReferencesKey, ImageReferences> store,
                              Function<List<ImageReferences>, T> derive) {
        long size = store.approximateNumEntries();
        Key key = new Key(dataset, kind);
        Cached cached = cache.get(key);
        if (cached == null || cached.storeSize() != size) {
            cached = new Cached(size, derive.apply(training(dataset, store)));
            cache.put(key, cached);
        }
        @SuppressWarnings("unchecked")
        T value = (T) cached.value();
        return value;
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
