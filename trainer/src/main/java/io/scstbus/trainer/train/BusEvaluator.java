package io.scstbus.trainer.train;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.bus.StepRewards;
import io.scstbus.trainer.data.Example;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores through the reward bus, like training rewards: one greedy-only rollout group per image, keyed
 * {@code <run id>#eval / <sequence> / <image id>} so evaluation keys never collide with training
 * keys. Every listed signal must be served by some worker group; a group that does not complete
 * counts as not OK for every signal.
 */
public final class BusEvaluator implements CaptionEvaluator {

    private final RewardBus bus;
    private final String runId;
    private final String dataset;
    private final List<String> signals;

    public BusEvaluator(RewardBus bus, String runId, String dataset, List<String> signals) {
        this.bus = bus;
        this.runId = runId;
        this.dataset = dataset;
        this.signals = List.copyOf(signals);
    }

    @Override
    public EvalResult evaluate(String label, long sequence, List<Example> images, List<String> captions) {
        Map<String, Double> weights = new LinkedHashMap<>();
        signals.forEach(s -> weights.put(s, 0.0));
        RewardSpec spec = RewardSpec.newBuilder().addAllSignals(signals).putAllWeights(weights).build();
        List<RolloutGroup> groups = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String caption = captions.get(i);
            groups.add(RolloutGroup.newBuilder()
                    .setKey(Keys.rollout(runId + "#eval", sequence, images.get(i).imageId()))
                    .setDataset(dataset)
                    .setRewardSpec(spec)
                    .setGreedy(Candidate.newBuilder().setSampleIndex(0).setGreedy(true).setText(caption)
                            .setTokenCount(caption.isEmpty() ? 0 : caption.split(" ").length))
                    .setCreatedAtMs(System.currentTimeMillis())
                    .build());
        }
        StepRewards rewards = bus.exchange(sequence, groups);
        Map<String, SignalStats> out = new LinkedHashMap<>();
        for (String signal : signals) {
            double sum = 0;
            int ok = 0;
            int notOk = 0;
            for (RolloutGroup group : groups) {
                RolloutKey key = group.getKey();
                GroupRewards g = rewards.complete().get(key);
                SignalScore s = g == null || g.greedy() == null ? null : g.greedy().scores().get(signal);
                if (s != null && s.getStatus() == ScoreStatus.OK) {
                    sum += s.getValue();
                    ok++;
                } else {
                    notOk++;
                }
            }
            out.put(signal, new SignalStats(ok == 0 ? Double.NaN : sum / ok, ok, notOk));
        }
        return new EvalResult(label, images.size(), out, CaptionEvaluator.examples(images, captions));
    }
}
