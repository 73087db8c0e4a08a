package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global references store equal to the compacted references topic (null value = delete). */
final class ReferencesUpdater implements Processor<ReferencesKey, ImageReferences, Void, Void> {

    private KeyValueStore<ReferencesKey, ImageReferences> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(RewardTopology.REFERENCES_STORE);
    }

    @Override
    public void process(Record<ReferencesKey, ImageReferences> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
