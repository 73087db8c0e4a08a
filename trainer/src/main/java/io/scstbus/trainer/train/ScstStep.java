package io.scstbus.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.bus.StepRewards;
import io.scstbus.trainer.data.Example;
import io.scstbus.trainer.data.ImageBatches;
import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.scst.Baseline;
import io.scstbus.trainer.scst.CombinedRewards;
import io.scstbus.trainer.scst.Decoding;
import io.scstbus.trainer.scst.EmptySamples;
import io.scstbus.trainer.scst.GroupReward;
import io.scstbus.trainer.scst.InverseCdfSampler;
import io.scstbus.trainer.scst.RewardCombiner;
import io.scstbus.trainer.scst.RolloutGroups;
import io.scstbus.trainer.scst.SampledCaptions;
import io.scstbus.trainer.scst.ScstLoss;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One SCST step, in named parts: greedy, sample, publish, collect, advantages, rescore, loss, backward,
 * step. A step is two halves, {@link #rollout} (sample without recording gradients, publish) and
 * {@link #finish} (collect the rewards, then record the rescored samples' graph and backward); only Java
 * data is kept between them, and no GradientCollector is open during the reward wait. With max staleness 1
 * the trainer samples the next step between the halves. Each half's arrays live in one NDManager (and
 * NDScope) closed at its end.
 */
final class ScstStep {

    private final Captioner model;
    private final AdamOptimizer optimizer;
    private final Vocabulary vocabulary;
    private final RewardBus bus;
    private final RewardCombiner combiner;
    private final Baseline baseline;
    private final ScstConfig config;
    private final int maxLength;
    private final long seed;
    private final String runId;
    private final String dataset;
    private final List<Example> train;
    private final ImageSchedule schedule;
    private final RewardSpec spec;
    private final NDManager base;

    ScstStep(Captioner model, AdamOptimizer optimizer, Vocabulary vocabulary, RewardBus bus, RewardCombiner combiner,
             TrainConfig config, String runId, String dataset, List<Example> train, NDManager base) {
        this.model = model;
        this.optimizer = optimizer;
        this.vocabulary = vocabulary;
        this.bus = bus;
        this.combiner = combiner;
        this.config = config.scst();
        this.baseline = config.scst().baseline().create();
        this.maxLength = config.model().maxLength();
        this.seed = config.seed();
        this.runId = runId;
        this.dataset = dataset;
        this.train = train;
        this.schedule = new ImageSchedule(train.size(), config.scst().imagesPerStep(), config.seed());
        this.spec = RolloutGroups.spec(config.scst().signals(), config.scst().baseline(), config.scst().normalization());
        this.base = base;
    }

    /**
     * One step with max staleness 0: {@link #rollout} then {@link #finish}, with no update between them, so the
     * rescored log-probabilities are those of the policy that sampled. No GradientCollector is open while the
     * step waits for its rewards (up to the reward deadline): the samples are drawn without recording, and the
     * graph for backward is recorded once the rewards are in. This costs one forward pass without gradients
     * more than recording while sampling, and holds no autograd graph across the wait.
     */
    StepReport run(long step) {
        return finish(rollout(step));
    }

    /**
     * The first half of a step: greedy and K samples per image from the current policy, without recording
     * gradients, published at once. {@link #finish} collects the rewards: at once with max staleness 0, after
     * the previous step's update with max staleness 1.
     */
    Rollout rollout(long step) {
        long start = System.nanoTime();
        List<Example> images = schedule.indices(step).stream().map(train::get).toList();
        try (NDManager manager = base.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray pixels = ImageBatches.stack(manager, images, model.imageSize());
            NDList greedyEncoded = model.encode(pixels, false);
            long encoded = System.nanoTime();
            int[][] greedy = Decoding.greedy(model, greedyEncoded, maxLength);
            long decoded = System.nanoTime();
            NDList sampleEncoded = model.encode(pixels, true);
            long encodedAgain = System.nanoTime();
            int[][] samples = Decoding.sample(model, sampleEncoded, config.samplesPerImage(), config.temperature(),
                    maxLength, InverseCdfSampler.forStep(seed, step)).tokens();
            long sampled = System.nanoTime();
            List<RolloutGroup> groups = groups(step, optimizer.updates(), images, samples, greedy);
            bus.publish(step, groups);
            long published = System.nanoTime();
            ScstPhaseSeconds phases = new ScstPhaseSeconds(seconds(start, encoded) + seconds(decoded, encodedAgain),
                    seconds(encoded, decoded) + seconds(encodedAgain, sampled), seconds(sampled, published), 0, 0);
            return new Rollout(step, images, greedy, samples, groups, seconds(start, published), phases);
        }
    }

    /**
     * The second half: collect the rewards, then (only now opening a GradientCollector) recompute the samples'
     * log-probabilities under the policy as it is now (with max staleness 1 one update newer than the one
     * that sampled them), backward, update.
     */
    StepReport finish(Rollout rollout) {
        long start = System.nanoTime();
        Joined joined = collect(rollout.step());
        CombinedRewards combined = combine(rollout.groups(), joined);
        Advantages advantages = advantages(rollout.groups(), combined, rollout.samples().length);
        double encodeSeconds = 0;
        double backwardSeconds = 0;
        try (NDManager manager = base.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            ScstLoss.Terms terms = null;
            double gradNorm = Double.NaN;
            if (advantages.includedGroups() > 0) {
                long encodeStart = System.nanoTime();
                NDArray pixels = ImageBatches.stack(manager, rollout.images(), model.imageSize());
                long encoded;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList features = model.encode(pixels, true);
                    encoded = System.nanoTime();
                    SampledCaptions samples = Decoding.rescore(model, features, rollout.samples(),
                            config.samplesPerImage(), config.temperature(), maxLength);
                    terms = loss(samples, advantages);
                    backward(collector, terms);
                }
                gradNorm = step();
                encodeSeconds = seconds(encodeStart, encoded);
                backwardSeconds = seconds(encoded, System.nanoTime());
            }
            ScstPhaseSeconds phases = rollout.phases().plus(
                    new ScstPhaseSeconds(encodeSeconds, 0, 0, joined.seconds(), backwardSeconds));
            return report(rollout.step(), rollout.images().size(), rollout.greedy(), joined, combined, terms, gradNorm,
                    rollout.seconds() + (System.nanoTime() - start) / 1e9, phases);
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private StepReport report(long step, int images, int[][] greedy, Joined joined, CombinedRewards combined,
                              ScstLoss.Terms terms, double gradNorm, double seconds, ScstPhaseSeconds phases) {
        String example = greedy.length == 0 ? "" : vocabulary.decode(greedy[0]);
        return new StepReport(step, images, combined.groups().size(), combined.leftOutNotOk().size(),
                combined.missing().size(), terms != null, combined.meanSampleReward(), combined.meanGreedyReward(),
                terms == null ? Double.NaN : terms.total().getFloat(), terms == null ? Double.NaN : terms.policy(),
                terms == null ? Double.NaN : terms.varentropyOverEntropy(),
                terms == null ? Double.NaN : terms.entropy(), gradNorm, joined.seconds(), seconds,
                joined.rewards().stats(), combined.meanRawGreedy(), example, combined.emptySamples(), phases);
    }

    private CombinedRewards combine(List<RolloutGroup> groups, Joined joined) {
        return combiner.combine(groups.stream().map(RolloutGroup::getKey).toList(), joined.rewards(),
                EmptySamples.of(groups));
    }

    /** The rollout groups of the step: per image its K samples and its greedy caption. */
    List<RolloutGroup> groups(long step, long policyVersion, List<Example> images, int[][] samples, int[][] greedy) {
        int k = config.samplesPerImage();
        long now = System.currentTimeMillis();
        List<RolloutGroup> groups = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<String> texts = new ArrayList<>();
            int[] counts = new int[k];
            for (int s = 0; s < k; s++) {
                int[] ids = samples[i * k + s];
                texts.add(vocabulary.decode(ids));
                counts[s] = Vocabulary.lengthBeforeEos(ids);
            }
            groups.add(RolloutGroups.group(runId, step, policyVersion, dataset, images.get(i).imageId(), texts, counts,
                    vocabulary.decode(greedy[i]), Vocabulary.lengthBeforeEos(greedy[i]), spec, now));
        }
        return groups;
    }

    /** Waits for the rewards of a step published by {@link #rollout}; the wait is timed. */
    Joined collect(long step) {
        long start = System.nanoTime();
        StepRewards rewards = bus.collect(step);
        return new Joined(rewards, (System.nanoTime() - start) / 1e9);
    }

    /** Per sampled row: its advantage, and whether its group enters the update. */
    Advantages advantages(List<RolloutGroup> groups, CombinedRewards combined, int rows) {
        int k = config.samplesPerImage();
        Map<RolloutKey, GroupReward> byKey = new HashMap<>();
        combined.groups().forEach(g -> byKey.put(g.key(), g));
        double[] values = new double[rows];
        boolean[] include = new boolean[rows];
        int included = 0;
        for (int i = 0; i < groups.size(); i++) {
            GroupReward reward = byKey.get(groups.get(i).getKey());
            if (reward == null) {
                continue;
            }
            double[] a = baseline.advantages(reward.samples(), reward.greedy());
            for (int s = 0; s < k; s++) {
                values[i * k + s] = a[s];
                include[i * k + s] = true;
            }
            included++;
        }
        return new Advantages(values, include, included);
    }

    ScstLoss.Terms loss(SampledCaptions samples, Advantages advantages) {
        return ScstLoss.compute(samples, advantages.values(), advantages.include(), config.entropyLambda());
    }

    void backward(GradientCollector collector, ScstLoss.Terms terms) {
        collector.backward(terms.total());
    }

    /** The optimiser step; returns the gradient norm before clipping. */
    double step() {
        return optimizer.step(model.parameters(), model::learningRateScale);
    }

    record Joined(StepRewards rewards, double seconds) {
    }

    /** A published step waiting for its rewards: what {@link #finish} needs, as plain Java data. */
    record Rollout(long step, List<Example> images, int[][] greedy, int[][] samples, List<RolloutGroup> groups,
                   double seconds, ScstPhaseSeconds phases) {
    }

    record Advantages(double[] values, boolean[] include, int includedGroups) {
    }
}
