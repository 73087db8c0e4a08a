package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global references store equal to the compacted references topic (null value = delete), and
 * tells {@link TrainingReferences} which datasets' content changed.
 */
final class ReferencesUpdater implements Processor<ReferencesKey, ImageReferences, Void, Void> {

    private final TrainingReferences training;
    private KeyValueStore<ReferencesKey, ImageReferences> store;

    ReferencesUpdater(TrainingReferences training) {
        this.training = training;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(RewardTopology.REFERENCES_STORE);
    }

    @Override
    public void process(Record<ReferencesKey, ImageReferences> record) {
        ImageReferences before = store.get(record.key());
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        if (!Objects.equals(before, record.value())) {
            training.changed(record.key().getDataset());
        }
    }
}
