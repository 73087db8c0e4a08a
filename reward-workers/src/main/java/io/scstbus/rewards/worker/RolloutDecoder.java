package io.scstbus.rewards.worker;

import com.google.protobuf.InvalidProtocolBufferException;
import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;

/**
 * Turns a raw record of the rollout topic into a rollout group, or says exactly why it cannot be
 * one. Anything it rejects goes to the dead-letter topic with that reason.
 */
public final class RolloutDecoder {

    /** Either a rollout or the reason there is none. */
    public record Decoded(RolloutGroup rollout, String problem) {
        public boolean ok() {
            return rollout != null;
        }
    }

    private final int maxRecordBytes;

    public RolloutDecoder(int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("max record bytes must be >= 1, got " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    public Decoded decode(byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            return rejected("empty record value");
        }
        if (value.length > maxRecordBytes) {
            return rejected("record of " + value.length + " bytes exceeds the limit of " + maxRecordBytes);
        }
        RolloutGroup rollout;
        try {
            rollout = Topics.ROLLOUT_SERDE.parse(value);
        } catch (InvalidProtocolBufferException e) {
            return rejected("value is not a RolloutGroup protobuf: " + e.getMessage());
        }
        String shape = checkShape(rollout);
        if (shape != null) {
            return rejected(shape);
        }
        if (key != null) {
            RolloutKey recordKey;
            try {
                recordKey = Topics.ROLLOUT_KEY_SERDE.parse(key);
            } catch (InvalidProtocolBufferException e) {
                return rejected("key is not a RolloutKey protobuf: " + e.getMessage());
            }
            if (!recordKey.equals(rollout.getKey())) {
                return rejected("record key " + Keys.describe(recordKey) + " differs from rollout key "
                        + Keys.describe(rollout.getKey()));
            }
        }
        return new Decoded(rollout, null);
    }

    private static String checkShape(RolloutGroup rollout) {
        for (Integer number : rollout.getUnknownFields().asMap().keySet()) {
            if (RolloutGroup.getDescriptor().findFieldByNumber(number) != null) {
                // A schema change never changes a field's type: this is another message type.
                return "value is not a RolloutGroup (field " + number + " has the wrong wire type; "
                        + "another message type on the rollouts topic?)";
            }
        }
        if (!rollout.hasKey()) {
            return "rollout group has no key";
        }
        RolloutKey key = rollout.getKey();
        if (key.getRunId().isEmpty() || key.getImageId().isEmpty()) {
            return "rollout key lacks run_id or image_id: '" + Keys.describe(key) + "'";
        }
        if (rollout.getDataset().isEmpty()) {
            return "rollout " + Keys.describe(key) + " names no dataset";
        }
        if (rollout.getSamplesCount() == 0 && !rollout.hasGreedy()) {
            return "rollout " + Keys.describe(key) + " has no candidates";
        }
        if (!rollout.getUnknownFields().asMap().isEmpty() && rollout.getSamplesCount() == 0) {
            return "record does not look like a RolloutGroup (unknown fields, no samples)";
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Candidate c : rollout.getSamplesList()) {
            if (c.getGreedy()) {
                return "rollout " + Keys.describe(key) + " lists a greedy caption among its samples";
            }
            if (!seen.add(c.getSampleIndex())) {
                return "rollout " + Keys.describe(key) + " repeats sample index " + c.getSampleIndex();
            }
        }
        return null;
    }

    private static Decoded rejected(String reason) {
        return new Decoded(null, reason);
    }
}
