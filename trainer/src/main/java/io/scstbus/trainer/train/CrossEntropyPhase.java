package io.scstbus.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import io.scstbus.trainer.data.CaptionPairs;
import io.scstbus.trainer.data.EpochSampler;
import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioner;
import java.io.IOException;

/** Phase 1: teacher-forced cross-entropy over every (image, caption) pair, one epoch per call. */
final class CrossEntropyPhase {

    private final Captioner model;
    private final AdamOptimizer optimizer;
    private final CaptionPairs pairs;
    private final CeConfig config;
    private final long seed;
    private final NDManager base;
    private final ProgressReporter progress;

    CrossEntropyPhase(Captioner model, AdamOptimizer optimizer, CaptionPairs pairs, CeConfig config, long seed,
                      NDManager base, ProgressReporter progress) {
        this.model = model;
        this.optimizer = optimizer;
        this.pairs = pairs;
        this.config = config;
        this.seed = seed;
        this.base = base;
        this.progress = progress;
    }

    /** Trains one epoch; returns its mean batch loss. */
    double runEpoch(int epoch) throws IOException {
        long start = System.nanoTime();
        long batches = (pairs.size() + config.batchSize() - 1) / config.batchSize();
        double sum = 0;
        long done = 0;
        Iterable<Batch> data;
        try {
            data = pairs.getData(base, new EpochSampler(config.batchSize(), seed * 1_000_003L + epoch));
        } catch (TranslateException e) {
            throw new IOException("cannot batch the CE training pairs: " + e.getMessage(), e);
        }
        for (Batch batch : data) {
            try (batch; NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                sum += trainBatch(batch);
                done++;
                progress.ceBatch(epoch, config.epochs(), done, batches, sum / done);
            }
        }
        double loss = done == 0 ? Double.NaN : sum / done;
        progress.ceEpoch(epoch, config.epochs(), loss, (System.nanoTime() - start) / 1e9);
        return loss;
    }

    private double trainBatch(Batch batch) {
        NDArray images = batch.getData().get(0);
        NDArray inputs = batch.getData().get(1);
        NDArray targets = batch.getLabels().get(0);
        NDArray loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.teacherForced(images, inputs, true);
            loss = maskedCrossEntropy(logits, targets);
            collector.backward(loss);
        }
        optimizer.step(model.parameters(), model::learningRateScale);
        return loss.getFloat();
    }

    /** Mean negative log-likelihood of the target tokens, pad positions left out. */
    static NDArray maskedCrossEntropy(NDArray logits, NDArray targets) {
        NDArray logProbs = logits.logSoftmax(2);
        NDArray picked = logProbs.gather(targets.expandDims(2), 2).squeeze(2);
        NDArray mask = targets.neq(Vocabulary.PAD_ID).toType(DataType.FLOAT32, false);
        return picked.mul(mask).sum().neg().div(mask.sum());
    }
}
