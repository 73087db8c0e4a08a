package io.scstbus.proto;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic with its typed key and value serdes: every producer, consumer and topology uses these. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
