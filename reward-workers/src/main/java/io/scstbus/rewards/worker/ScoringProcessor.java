package io.scstbus.rewards.worker;

import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a raw rollout record, looks up its image's references in the global store, scores it within
 * the record's time budget and forwards the result to the reward sink. Anything undecodable, a record
 * whose scoring throws, and a record whose result the producer could not send (larger than
 * max.request.size) go to the DLQ sink with the reason and their source in headers: a record that fails
 * the same way every time must not kill the stream thread, which would meet it again after a restart.
 * Kafka's own exceptions (a fenced producer, a migrated task) still go up to Kafka Streams.
 */
final class ScoringProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
    /** Record overhead besides key and value (batch and record headers, the DLQ headers) in a produce request. */
    private static final int RECORD_OVERHEAD_BYTES = 1_024;

    private final RolloutDecoder decoder;
    private final RolloutScorer scorer;
    private final TransactionScope transaction;
    private final int maxResultBytes;
    private ProcessorContext<Object, Object> context;
    private final TrainingReferences training;
    private KeyValueStore<ReferencesKey, ImageReferences> references;
    private ScoringState state;

    ScoringProcessor(RolloutDecoder decoder, RolloutScorer scorer, TransactionScope transaction, int maxResultBytes,
                     TrainingReferences training) {
        this.decoder = decoder;
        this.scorer = scorer;
        this.transaction = transaction;
        this.maxResultBytes = maxResultBytes;
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
        transaction.recordIn();
        Duration budget = transaction.startRecord();
        RewardResult result;
        try {
            RolloutDecoder.Decoded decoded = decoder.decode(record.key(), record.value());
            if (!decoded.ok()) {
                toDeadLetters(record, decoded.problem());
                return;
            }
            ImageReferences refs = references.get(Keys.referencesOf(decoded.rollout()));
            result = scorer.score(decoded.rollout(), refs, state, budget);
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            String reason = "scoring failed: " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            LOG.warn("worker group {}: record {} goes to the dead-letter topic: {}", scorer.workerGroup(), source(), reason, e);
            toDeadLetters(record, reason);
            return;
        }
        int bytes = result.getSerializedSize() + result.getKey().getSerializedSize() + RECORD_OVERHEAD_BYTES;
        if (bytes > maxResultBytes) {
            toDeadLetters(record, "the result of rollout " + Keys.describe(result.getKey()) + " would be about " + bytes
                    + " bytes, more than the producer sends (max.request.size " + maxResultBytes + "); it has "
                    + result.getCandidatesCount() + " candidates");
            return;
        }
        transaction.scored(result);
        if (transaction.nearlySpent()) {
            context.commit();
        }
        context.forward(new Record<Object, Object>(result.getKey(), result, record.timestamp()), RewardTopology.REWARDS_SINK);
    }

    private String source() {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("unknown");
    }

    private void toDeadLetters(Record<byte[], byte[]> record, String reason) {
        transaction.deadLetter();
        String source = source();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        headers.add("scst.dlq.worker-group", scorer.workerGroup().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
                RewardTopology.DLQ_SINK);
    }
}
