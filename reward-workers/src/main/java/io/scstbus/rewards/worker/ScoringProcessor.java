package io.scstbus.rewards.worker;

import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutKey;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decodes a raw rollout record, looks up its image's references in the global store, scores it and
 * forwards the result to the reward sink; anything undecodable goes to the DLQ sink with the reason
 * and its source in headers. Never throws for bad input: a stream thread stays alive.
 */
final class ScoringProcessor implements Processor<byte[], byte[], Object, Object> {

    private final RolloutDecoder decoder;
    private final RolloutScorer scorer;
    private final WorkerMetrics metrics;
    private ProcessorContext<Object, Object> context;
    private final TrainingReferences training;
    private KeyValueStore<ReferencesKey, ImageReferences> references;
    private ScoringState state;

    ScoringProcessor(RolloutDecoder decoder, RolloutScorer scorer, WorkerMetrics metrics, TrainingReferences training) {
        this.decoder = decoder;
        this.scorer = scorer;
        this.metrics = metrics;
        this.training = training;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.references = context.getStateStore(RewardTopology.REFERENCES_STORE);
        // (re)initialised with the task, so decoded windows never outlive a restore of the store
        this.state = new StoreScoringState(scorer.vocabKl().isEmpty() ? null
                : context.getStateStore(RewardTopology.VOCAB_WINDOWS_STORE), references, training,
                text -> scorer.vocabKl().orElseThrow().tokens(text));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordIn();
        RolloutDecoder.Decoded decoded = decoder.decode(record.key(), record.value());
        if (!decoded.ok()) {
            toDeadLetters(record, decoded.problem());
            return;
        }
        ImageReferences refs = references.get(Keys.referencesOf(decoded.rollout()));
        RewardResult result = scorer.score(decoded.rollout(), refs, state);
        metrics.recordScored(result);
        RolloutKey key = result.getKey();
        context.forward(new Record<Object, Object>(key, result, record.timestamp()), RewardTopology.REWARDS_SINK);
    }

    private void toDeadLetters(Record<byte[], byte[]> record, String reason) {
        metrics.recordDeadLetter();
        String source = context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("unknown");
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        headers.add("scst.dlq.worker-group", scorer.workerGroup().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
                RewardTopology.DLQ_SINK);
    }
}
