package io.scstbus.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.CodedOutputStream;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.RolloutGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    /** A newer producer's record: today's RolloutGroup plus a field (number 99) this build does not know. */
    private static byte[] withUnknownField(RolloutGroup group) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(group.toByteArray());
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeString(99, "from the future");
        coded.flush();
        return out.toByteArray();
    }

    @Test
    void unknownFieldsSurviveDeserializeAndSerialize() throws IOException {
        RolloutGroup group = RolloutGroup.newBuilder()
                .setKey(Keys.rollout("run", 3, "img"))
                .setDataset("rsicd")
                .addSamples(Candidate.newBuilder().setSampleIndex(0).setText("a plane").setTokenCount(2))
                .build();
        byte[] newer = withUnknownField(group);

        RolloutGroup read = Topics.ROLLOUT_SERDE.deserializer().deserialize("t", newer);
        byte[] rewritten = Topics.ROLLOUT_SERDE.serializer().serialize("t", read);

        assertEquals(group.getKey(), read.getKey());
        assertArrayEquals(newer, rewritten);
    }

    @Test
    void garbageFailsWithTopicAndType() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> Topics.ROLLOUT_SERDE.deserializer().deserialize("scst.rollouts", new byte[] {0x0a, 0x7f}));
        assertEquals(true, e.getMessage().contains("scst.rollouts") && e.getMessage().contains("RolloutGroup"));
    }

    @Test
    void sameKeyAlwaysSerializesToSameBytes() {
        byte[] a = Topics.ROLLOUT_KEY_SERDE.serializer().serialize("t", Keys.rollout("run", 7, "img-1"));
        byte[] b = Topics.ROLLOUT_KEY_SERDE.serializer().serialize("t", Keys.rollout("run", 7, "img-1"));
        assertArrayEquals(a, b);
    }
}
