package io.scstbus.proto;

import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;

/** Record keys of every topic, and their human-readable forms for messages and logs. */
public final class Keys {

    private Keys() {
    }

    public static RolloutKey rollout(String runId, long step, String imageId) {
        return RolloutKey.newBuilder().setRunId(runId).setStep(step).setImageId(imageId).build();
    }

    public static ReferencesKey references(String dataset, String imageId) {
        return ReferencesKey.newBuilder().setDataset(dataset).setImageId(imageId).build();
    }

    /** The references key a rollout group needs. */
    public static ReferencesKey referencesOf(RolloutGroup group) {
        return references(group.getDataset(), group.getKey().getImageId());
    }

    /** {@code run/step/image}. */
    public static String describe(RolloutKey key) {
        return key.getRunId() + "/" + key.getStep() + "/" + key.getImageId();
    }

    /** {@code dataset/image}. */
    public static String describe(ReferencesKey key) {
        return key.getDataset() + "/" + key.getImageId();
    }
}
