package io.scstbus.trainer.data;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A loaded dataset: training and validation examples, and what the loader left out. */
public record CaptionData(String name, List<Example> train, List<Example> val, LoadReport report) {

    public CaptionData {
        train = List.copyOf(train);
        val = List.copyOf(val);
    }

    /** Every normalised, non-empty training caption as words: what the vocabulary is built from. */
    public List<List<String>> trainingTokens() {
        List<List<String>> out = new ArrayList<>();
        for (Example e : train) {
            for (String caption : e.trainableCaptions()) {
                out.add(CaptionText.tokens(caption));
            }
        }
        return out;
    }

    /**
     * The references topic's content for this dataset: one record per image (train and val), captions
     * normalised the way generated captions are written, with the count dictionary. The in-process bus
     * serves these; the Kafka bootstrap publishes them.
     */
    public Map<ReferencesKey, ImageReferences> references() {
        Map<ReferencesKey, ImageReferences> out = new LinkedHashMap<>();
        add(out, train);
        add(out, val);
        return out;
    }

    private void add(Map<ReferencesKey, ImageReferences> out, Collection<Example> examples) {
        for (Example e : examples) {
            out.put(Keys.references(name, e.imageId()), ImageReferences.newBuilder()
                    .setDataset(name)
                    .setImageId(e.imageId())
                    .setSplit(e.split())
                    .addAllCaptions(e.captions())
                    .putAllCounts(e.counts())
                    .build());
        }
    }
}
