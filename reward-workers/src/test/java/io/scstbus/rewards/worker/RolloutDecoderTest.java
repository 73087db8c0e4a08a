package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.RewardResult;
import org.junit.jupiter.api.Test;

class RolloutDecoderTest {

    private final RolloutDecoder decoder = new RolloutDecoder(1 << 20);

    @Test
    void rewardResultOnTheRolloutTopicIsRejectedAsAnotherMessageType() {
        byte[] result = RewardResult.newBuilder().setKey(Keys.rollout("run", 1, "img")).setWorkerGroup("cheap")
                .build().toByteArray();
        assertEquals("value is not a RolloutGroup (field 2 has the wrong wire type; another message type on the "
                + "rollouts topic?)", decoder.decode(null, result).problem());
    }
}
