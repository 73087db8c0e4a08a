package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RolloutGroup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker's metrics count what a committed transaction published: a record scored in a transaction that
 * aborts, and scored again in one that commits, is counted once. Runs the producer Kafka Streams gets from
 * the worker's client supplier against the embedded broker, in the order a stream thread uses it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TransactionScopeTest {

    @Test
    void aRecordScoredInAnAbortedTransactionAndAgainInACommittedOneCountsOnce(EmbeddedKafkaBroker broker) {
        Topics topics = Topics.withPrefix("scope-test.");
        broker.createBusTopics(topics, 1);
        WorkerMetrics metrics = new WorkerMetrics();
        TransactionScope scope = TransactionScope.transactional(metrics, Duration.ofSeconds(2), Duration.ofSeconds(10));
        Map<String, Object> config = new HashMap<>(ClientConfig.base(broker.bootstrapServers(), null));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "scope-test");
        RolloutGroup rollout = Rollouts.group("run", 1, "img1", List.of("a plane"), "a plane", List.of("length"));
        RewardResult result = RewardResult.newBuilder().setKey(rollout.getKey()).build();
        try (Producer<byte[], byte[]> producer = new CommitObservingClientSupplier(scope).getProducer(config)) {
            producer.initTransactions();
            for (boolean commit : new boolean[] {false, true}) {
                producer.beginTransaction();
                scope.recordIn();
                scope.startRecord();
                producer.send(new ProducerRecord<>(topics.rewards(), rollout.getKey().toByteArray(), result.toByteArray()));
                scope.scored(result);
                if (commit) {
                    producer.commitTransaction();
                } else {
                    producer.abortTransaction();
                }
            }
        }
        assertEquals(1, metrics.recordsIn());
        assertEquals(1, metrics.resultsOut());
    }
}
