package io.scstbus.trainer.bus;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import java.util.ArrayList;
import java.util.List;

/** Rollout groups of a step for tests: K samples of varying length plus a greedy caption per image. */
public final class TestRollouts {

    private TestRollouts() {
    }

    public static List<RolloutGroup> step(String run, long step, int images, int k, List<String> signals) {
        List<RolloutGroup> groups = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            RolloutGroup.Builder b = RolloutGroup.newBuilder()
                    .setKey(Keys.rollout(run, step, "img" + i))
                    .setDataset("test")
                    .setPolicyVersion(step)
                    .setRewardSpec(RewardSpec.newBuilder().addAllSignals(signals));
            for (int s = 0; s < k; s++) {
                String text = ("plane " + "near ".repeat(s)).trim() + " .";
                b.addSamples(Candidate.newBuilder().setSampleIndex(s).setText(text).setTokenCount(s + 2));
            }
            b.setGreedy(Candidate.newBuilder().setSampleIndex(k).setGreedy(true).setText("a plane .").setTokenCount(3));
            groups.add(b.build());
        }
        return groups;
    }

    public static List<ImageReferences> references(int images) {
        List<ImageReferences> refs = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            refs.add(ImageReferences.newBuilder().setDataset("test").setImageId("img" + i).setSplit("train")
                    .addCaptions("two planes are parked near a building .").putCounts("plane", 2).build());
        }
        return refs;
    }
}
