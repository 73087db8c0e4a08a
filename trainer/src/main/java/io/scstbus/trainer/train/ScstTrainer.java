package io.scstbus.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.trainer.bus.RewardBus;
import io.scstbus.trainer.data.CaptionData;
import io.scstbus.trainer.data.CaptionPairs;
import io.scstbus.trainer.data.DataConfig;
import io.scstbus.trainer.data.DatasetLoader;
import io.scstbus.trainer.data.Example;
import io.scstbus.trainer.data.ImageLoader;
import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioners;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.scst.RewardCombiner;
import io.scstbus.trainer.scst.RewardNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A training run (DJL TrainMnist style: {@code run} returns a result the caller asserts on or
 * prints). Phase 1 trains N epochs of cross-entropy, phase 2 M steps of SCST whose rewards come only
 * through the {@link RewardBus} the factory opens. Resume continues the same run id after its last
 * checkpoint.
 *
 * <pre>
 * TrainingSummary summary = ScstTrainer.builder(TrainConfig.smoke())
 *         .setRewardBus(RewardBusFactory.inProcess(scorers))
 *         .optEvaluationRegistry(registry)
 *         .build()
 *         .run();
 * </pre>
 */
public final class ScstTrainer {

    private final TrainConfig config;
    private final RewardBusFactory busFactory;
    private final SignalRegistry evaluationRegistry;
    private final CaptionEvaluator evaluator;
    private final DataPreparer preparer;
    private final ProgressReporter progress;
    private final List<TrainingListener> listeners;
    private final Device device;

    private ScstTrainer(Builder b) {
        this.device = b.device;
        this.config = b.config;
        this.busFactory = b.busFactory;
        this.evaluationRegistry = b.evaluationRegistry;
        this.evaluator = b.evaluator;
        this.preparer = b.preparer;
        this.progress = b.progress;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder(TrainConfig config) {
        return new Builder(config);
    }

    /** Runs {@code config} with rewards from {@code bus}, evaluating through the same bus. */
    public static TrainingSummary run(TrainConfig config, RewardBusFactory bus) throws IOException {
        return builder(config).setRewardBus(bus).build().run();
    }

    public TrainingSummary run() throws IOException {
        long wallStart = System.nanoTime();
        Engine.getInstance().setRandomSeed((int) config.seed());
        prepareData();
        CaptionData data = new DatasetLoader(new ImageLoader(config.model().imageSize())).load(config.data());
        progress.info("model " + config.model().encoder() + (config.model().frozen() ? " (frozen)" : "") + " + "
                + config.model().decoder() + " at " + config.model().imageSize() + " px on " + device);
        progress.info("dataset " + data.name() + ": " + data.train().size() + " train, " + data.val().size()
                + " val images; " + data.report());
        Optional<Path> checkpoint = config.checkpoint().resume()
                ? Checkpoints.latest(Path.of(config.checkpoint().dir()), config.runId()) : Optional.empty();
        CheckpointState restored = checkpoint.isPresent() ? Checkpoints.readState(checkpoint.get()) : null;
        if (config.checkpoint().resume() && restored == null) {
            progress.info("no checkpoint to resume under " + config.checkpoint().dir()
                    + (config.runId() == null ? "" : " for run " + config.runId()) + "; starting a new run");
        }
        String runId = restored != null ? restored.runId()
                : config.runId() != null ? config.runId() : generatedRunId();
        Vocabulary vocabulary = checkpoint.isPresent() ? Checkpoints.readVocabulary(checkpoint.get())
                : Vocabulary.build(data.trainingTokens(), config.model().vocabMinCount());
        List<TrainingListener> all = new ArrayList<>(listeners);
        if (config.checkpoint().dir() != null) {
            all.add(0, CheckpointListener.of(config.checkpoint()));
        }
        try (NDManager base = NDManager.newBaseManager(device);
             Captioner model = Captioners.create(config.model(), vocabulary.size(), base);
             AdamOptimizer optimizer = new AdamOptimizer(base, config.ce().learningRate(), 0.0);
             RewardBus bus = busFactory.open(data)) {
            RunState state = new RunState(runId, restored);
            RewardNormalizer normalizer = new RewardNormalizer(config.scst().normalization());
            if (checkpoint.isPresent()) {
                Checkpoints.restore(checkpoint.get(), model, optimizer);
                normalizer.restore(restored.normalizer());
                progress.info("resuming run " + runId + " from " + checkpoint.get() + " (CE epochs "
                        + restored.ceEpochsDone() + ", SCST steps " + restored.scstStepsDone() + ")");
            } else {
                progress.info("run " + runId + ": vocabulary " + vocabulary.size() + " tokens");
            }
            Context context = new Context(state, model, optimizer, vocabulary, normalizer);
            CaptionEvaluator eval = evaluator != null ? evaluator
                    : evaluationRegistry != null
                            ? new RegistryEvaluator(evaluationRegistry, config.eval().signals(), data.name())
                            : new BusEvaluator(bus, runId, data.name(), config.eval().signals());
            List<Example> val = config.eval().maxImages() > 0 && data.val().size() > config.eval().maxImages()
                    ? data.val().subList(0, config.eval().maxImages()) : data.val();

            crossEntropy(data, context, base, eval, val, all);
            scst(data, context, base, bus, all);
            ValMetrics afterScst = config.scst().steps() > 0
                    ? ValMetrics.of(evaluate(eval, "after SCST", val, context, base)) : null;
            all.forEach(l -> l.onTrainingEnd(context));
            if (config.checkpoint().dir() != null) {
                TestSplitResults.write(config, runId, base, progress);
            }
            TrainingSummary summary = TrainingSummary.of(context.state(), restored == null ? null : restored.scstStepsDone(),
                    afterScst, (System.nanoTime() - wallStart) / 1e9);
            progress.summary(summary);
            return summary;
        }
    }

    private void crossEntropy(CaptionData data, Context context, NDManager base, CaptionEvaluator eval,
                              List<Example> val, List<TrainingListener> all) throws IOException {
        RunState state = context.run;
        if (state.ceEpochsDone < config.ce().epochs()) {
            CaptionPairs pairs = CaptionPairs.builder().setExamples(data.train()).setVocabulary(context.vocabulary)
                    .setImageSize(config.model().imageSize()).setMaxLength(config.model().maxLength())
                    .setSampling(config.ce().batchSize(), true).build();
            context.optimizer.setLearningRate(config.ce().learningRate());
            context.optimizer.setClipNorm(0.0);
            CrossEntropyPhase phase = new CrossEntropyPhase(context.model, context.optimizer, pairs, config.ce(),
                    config.seed(), base, progress);
            for (int epoch = state.ceEpochsDone + 1; epoch <= config.ce().epochs(); epoch++) {
                long start = System.nanoTime();
                phase.runEpoch(epoch);
                state.counters = state.counters.plusCeEpoch(pairs.size(), (System.nanoTime() - start) / 1e9);
                state.ceEpochsDone = epoch;
                if (config.eval().everyEpoch() && epoch < config.ce().epochs()) {
                    evaluate(eval, "CE epoch " + epoch, val, context, base);
                }
                all.forEach(l -> l.onCeEpochEnd(context));
            }
        }
        if (state.valAfterCe == null) {
            state.valAfterCe = ValMetrics.of(evaluate(eval, "after CE", val, context, base));
            all.forEach(l -> l.onCeEnd(context));
        }
    }

    private void scst(CaptionData data, Context context, NDManager base, RewardBus bus, List<TrainingListener> all) {
        RunState state = context.run;
        if (state.scstStepsDone >= config.scst().steps()) {
            return;
        }
        context.optimizer.setLearningRate(config.scst().learningRate());
        context.optimizer.setClipNorm(config.scst().gradClip());
        RewardCombiner combiner = new RewardCombiner(config.scst().signals(), context.normalizer,
                config.scst().emptySamples());
        ScstStep step = new ScstStep(context.model, context.optimizer, context.vocabulary, bus, combiner, config,
                state.runId, data.name(), data.train(), base);
        long first = state.scstStepsDone + 1;
        long last = config.scst().steps();
        if (config.scst().maxStaleness() == 0) {
            for (long s = first; s <= last; s++) {
                stepDone(context, step.run(s), all);
            }
            return;
        }
        // max staleness 1: step s+1 is sampled and published before step s's rewards are collected
        ScstStep.Rollout inFlight = step.rollout(first);
        for (long s = first; s <= last; s++) {
            ScstStep.Rollout next = s < last ? step.rollout(s + 1) : null;
            stepDone(context, step.finish(inFlight), all);
            inFlight = next;
        }
    }

    private void stepDone(Context context, StepReport report, List<TrainingListener> all) {
        RunState state = context.run;
        state.counters = state.counters.plus(report);
        state.scstStepsDone = report.step();
        progress.scstStep(report, config.scst().steps());
        all.forEach(l -> l.onScstStepEnd(context, report));
    }

    private EvalResult evaluate(CaptionEvaluator eval, String label, List<Example> val, Context context, NDManager base) {
        if (val.isEmpty()) {
            progress.info("val " + label + ": no val images, nothing evaluated");
            return new EvalResult(label, 0, java.util.Map.of(), List.of());
        }
        List<String> captions = Validation.greedyCaptions(context.model, context.vocabulary, val,
                config.eval().batchSize(), config.model().maxLength(), base);
        EvalResult result = eval.evaluate(label, context.optimizer.updates(), val, captions);
        progress.evaluation(result);
        listeners.forEach(l -> l.onEvaluation(result, captions));
        return result;
    }

    private void prepareData() throws IOException {
        DataConfig data = config.data();
        if (preparer != null) {
            preparer.prepare(data);
        } else if (data.synthetic() != null && data.annotations().stream().anyMatch(a -> !Files.exists(Path.of(a.path())))) {
            throw new IOException("data.synthetic asks for a generated dataset under " + data.root()
                    + ", but " + data.annotations().get(0).path() + " does not exist and no DataPreparer is set;"
                    + " generate it first or set a DataPreparer on the ScstTrainer builder");
        }
    }

    private String generatedRunId() {
        return "run-" + config.seed() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /** The run's mutable position; {@link #snapshot} is what checkpoints save. */
    private static final class RunState {
        final String runId;
        int ceEpochsDone;
        long scstStepsDone;
        RunCounters counters;
        ValMetrics valAfterCe;

        RunState(String runId, CheckpointState restored) {
            this.runId = runId;
            this.ceEpochsDone = restored == null ? 0 : restored.ceEpochsDone();
            this.scstStepsDone = restored == null ? 0 : restored.scstStepsDone();
            this.counters = restored == null ? RunCounters.ZERO : restored.counters();
            this.valAfterCe = restored == null ? null : restored.valAfterCe();
        }
    }

    private final class Context implements TrainingContext {
        final RunState run;
        final Captioner model;
        final AdamOptimizer optimizer;
        final Vocabulary vocabulary;
        final RewardNormalizer normalizer;

        Context(RunState run, Captioner model, AdamOptimizer optimizer, Vocabulary vocabulary, RewardNormalizer normalizer) {
            this.run = run;
            this.model = model;
            this.optimizer = optimizer;
            this.vocabulary = vocabulary;
            this.normalizer = normalizer;
        }

        @Override
        public TrainConfig config() {
            return config.withRunId(run.runId);
        }

        @Override
        public CheckpointState state() {
            return new CheckpointState(run.runId, config.seed(), run.ceEpochsDone, run.scstStepsDone, optimizer.updates(),
                    run.counters, run.valAfterCe, normalizer.state(), vocabulary.size());
        }

        @Override
        public Captioner model() {
            return model;
        }

        @Override
        public AdamOptimizer optimizer() {
            return optimizer;
        }

        @Override
        public Vocabulary vocabulary() {
            return vocabulary;
        }
    }

    /** Builds a {@link ScstTrainer}: {@code setRewardBus} is required, the rest optional. */
    public static final class Builder {

        private final TrainConfig config;
        private RewardBusFactory busFactory;
        private SignalRegistry evaluationRegistry;
        private CaptionEvaluator evaluator;
        private DataPreparer preparer;
        private ProgressReporter progress = ProgressReporter.stderr();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Device device = Device.cpu();

        private Builder(TrainConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where SCST rewards (and, unless set otherwise, evaluation scores) come from. */
        public Builder setRewardBus(RewardBusFactory factory) {
            this.busFactory = factory;
            return this;
        }

        /** Evaluate val captions with these signals in-process instead of through the bus. */
        public Builder optEvaluationRegistry(SignalRegistry registry) {
            this.evaluationRegistry = registry;
            return this;
        }

        /** Evaluate val captions with this evaluator (overrides the registry). */
        public Builder optEvaluator(CaptionEvaluator value) {
            this.evaluator = value;
            return this;
        }

        /** Runs before loading, e.g. to generate the synthetic dataset. */
        public Builder optDataPreparer(DataPreparer value) {
            this.preparer = value;
            return this;
        }

        public Builder optProgress(ProgressReporter value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** Where the model and every array of the run live (default: the CPU); see {@link DeviceChoice}. */
        public Builder optDevice(Device value) {
            this.device = Objects.requireNonNull(value, "device");
            return this;
        }

        public Builder addListener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public ScstTrainer build() {
            if (busFactory == null) {
                throw new IllegalStateException("ScstTrainer needs a reward bus: call setRewardBus");
            }
            return new ScstTrainer(this);
        }
    }
}
