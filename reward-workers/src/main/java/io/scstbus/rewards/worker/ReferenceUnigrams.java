package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.rewards.signals.UnigramDistribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Each dataset's training unigram distribution, computed from the global references store (images of
 * split train, restval or none: as CorpusStats counts them) and cached. The cache is rebuilt when the
 * store's size changed since, i.e. after references were loaded or removed. Shared by a worker's tasks.
 */
final class ReferenceUnigrams {

    private record Cached(long storeSize, UnigramDistribution distribution) {
    }

    private final Function<String, List<String>> tokenizer;
    private final Map<String, Cached> byDataset = new HashMap<>();

    ReferenceUnigrams(Function<String, List<String>> tokenizer) {
        this.tokenizer = tokenizer;
    }

    synchronized UnigramDistribution of(String dataset, ReadOnlyKeyValueStore<ReferencesKey, ImageReferences> store) {
        long size = store.approximateNumEntries();
        Cached cached = byDataset.get(dataset);
        if (cached != null && cached.storeSize() == size) {
            return cached.distribution();
        }
        List<List<String>> sentences = new ArrayList<>();
        try (KeyValueIterator<ReferencesKey, ImageReferences> all = store.all()) {
            while (all.hasNext()) {
                ImageReferences refs = all.next().value;
                String split = refs.getSplit();
                if (refs.getDataset().equals(dataset)
                        && (split.isEmpty() || split.equals("train") || split.equals("restval"))) {
                    refs.getCaptionsList().forEach(caption -> sentences.add(tokenizer.apply(caption)));
                }
            }
        }
        UnigramDistribution distribution = UnigramDistribution.of(sentences);
        byDataset.put(dataset, new Cached(size, distribution));
        return distribution;
    }
}
