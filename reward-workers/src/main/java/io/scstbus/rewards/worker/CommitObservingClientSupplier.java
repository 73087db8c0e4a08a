package io.scstbus.rewards.worker;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients, as its default supplier makes them, with producers that tell the worker's
 * {@link TransactionScope} when a stream thread's transaction committed or aborted (the only way to learn
 * it, since Kafka Streams commits inside its own loop), and main and global consumers that block longer in
 * an idle poll ({@link IdlePolls}), the main ones asking the scope whether their thread has uncommitted results.
 */
final class CommitObservingClientSupplier implements KafkaClientSupplier {

    private final TransactionScope scope;

    CommitObservingClientSupplier(TransactionScope scope) {
        this.scope = scope;
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public void commitTransaction() {
                try {
                    super.commitTransaction();
                } catch (RuntimeException e) {
                    scope.aborted();
                    throw e;
                }
                scope.committed();
            }

            @Override
            public void abortTransaction() {
                scope.aborted();
                super.abortTransaction();
            }

            @Override
            public void close(java.time.Duration timeout) {
                scope.aborted();
                super.close(timeout);
            }
        };
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return IdlePolls.mainConsumer(config, scope::uncommitted);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return IdlePolls.globalConsumer(config);
    }
}
