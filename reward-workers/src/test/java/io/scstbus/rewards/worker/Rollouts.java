package io.scstbus.rewards.worker;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import java.util.List;

/** Builds rollout groups and references for tests. */
public final class Rollouts {

    private Rollouts() {
    }

    public static RolloutGroup group(String run, long step, String image, List<String> samples, String greedy,
                                     List<String> signals) {
        RolloutGroup.Builder b = RolloutGroup.newBuilder()
                .setKey(Keys.rollout(run, step, image))
                .setDataset("test")
                .setPolicyVersion(step)
                .setRewardSpec(RewardSpec.newBuilder().addAllSignals(signals));
        for (int i = 0; i < samples.size(); i++) {
            b.addSamples(Candidate.newBuilder().setSampleIndex(i).setText(samples.get(i))
                    .setTokenCount(samples.get(i).split(" ").length));
        }
        return b.setGreedy(Candidate.newBuilder().setSampleIndex(samples.size()).setGreedy(true).setText(greedy)
                .setTokenCount(greedy.split(" ").length)).build();
    }

    public static ImageReferences references(String image, String... captions) {
        return ImageReferences.newBuilder().setDataset("test").setImageId(image).setSplit("train")
                .addAllCaptions(List.of(captions)).build();
    }
}
