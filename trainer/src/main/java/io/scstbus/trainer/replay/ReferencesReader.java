package io.scstbus.trainer.replay;

import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.rewards.worker.ReferencesPublisher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dataset's references from the compacted references topic (what the trainer published and the
 * workers scored against), for rescoring: the images' captions and count dictionaries, and from the
 * training split the CIDEr-D corpus statistics, built in the order the trainer built them (topic order)
 * so rescored CIDEr-D values are bit-identical. Memory: the dataset's references.
 */
final class ReferencesReader {

    private ReferencesReader() {
    }

    static Map<ReferencesKey, ImageReferences> read(Map<String, Object> clientConfig, Topics topics, String dataset) {
        Map<ReferencesKey, ImageReferences> out = new LinkedHashMap<>();
        new ReferencesPublisher(clientConfig, topics).readAll().forEach((key, refs) -> {
            if (key.getDataset().equals(dataset)) {
                out.put(key, refs);
            }
        });
        return out;
    }
}
