package io.scstbus.proto;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records through a producer and keeps count of what the broker acknowledged. A producer's send is
 * asynchronous: a failure (a missing topic, a record too large, a denied write, a timeout) only shows in its
 * callback or future, and is lost when neither is looked at. {@link #flush} waits for every record sent so
 * far and fails, naming the topic, the count and the first cause, if any of them was not written.
 * Thread-safe; one instance per producer and batch of sends.
 */
public final class CheckedSends<K, V> {

    private final Producer<K, V> producer;
    private final String topic;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /** @param topic the topic the records go to, for messages */
    public CheckedSends(Producer<K, V> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    public void send(ProducerRecord<K, V> record) {
        send(record, e -> { });
    }

    /** Sends {@code record}; {@code onFailure} is also told, from the producer's thread, if it is not written. */
    public void send(ProducerRecord<K, V> record, Consumer<Exception> onFailure) {
        sent.incrementAndGet();
        producer.send(record, (metadata, e) -> {
            if (e == null) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
                onFailure.accept(e);
            }
        });
    }

    /** Waits until every record sent so far is written or failed; throws if any failed. */
    public void flush() {
        producer.flush();
        check();
    }

    /** Throws if a record sent so far has failed (without waiting for the others). */
    public void check() {
        if (failed.get() > 0) {
            throw new SendFailedException(topic, sent.get(), acknowledged.get(), failed.get(), firstFailure.get());
        }
    }

    /** Records the broker acknowledged so far. */
    public int acknowledged() {
        return acknowledged.get();
    }

    /** A send, or several, that did not reach the topic: how many, of how many, and the first cause. */
    public static final class SendFailedException extends RuntimeException {

        private final String topic;
        private final int acknowledged;
        private final int failed;

        SendFailedException(String topic, int sent, int acknowledged, int failed, Exception cause) {
            super(failed + " of " + sent + " records were not written to topic " + topic + ": "
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
            this.topic = topic;
            this.acknowledged = acknowledged;
            this.failed = failed;
        }

        public String topic() {
            return topic;
        }

        /** Records written before the failure was reported. */
        public int acknowledged() {
            return acknowledged;
        }

        public int failed() {
            return failed;
        }
    }
}
