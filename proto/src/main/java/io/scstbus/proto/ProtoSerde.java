package io.scstbus.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one protobuf message type. Unknown fields are kept on the way through, so a
 * record written by a newer producer survives a worker that does not know its new fields.
 */
public final class ProtoSerde<T extends MessageLite> implements Serde<T> {

    private final Parser<T> parser;
    private final String typeName;

    private ProtoSerde(Parser<T> parser, String typeName) {
        this.parser = parser;
        this.typeName = typeName;
    }

    public static <T extends MessageLite> ProtoSerde<T> of(Parser<T> parser, Class<T> type) {
        return new ProtoSerde<>(parser, type.getSimpleName());
    }

    /** Parses {@code bytes}, failing with the type and the parser's reason. */
    public T parse(byte[] bytes) throws InvalidProtocolBufferException {
        return parser.parseFrom(bytes);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : data.toByteArray();
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return parser.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new SerializationException("record on " + topic + " is not a valid " + typeName
                        + " (" + bytes.length + " bytes): " + e.getMessage(), e);
            }
        };
    }
}
