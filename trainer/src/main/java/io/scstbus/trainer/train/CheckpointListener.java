package io.scstbus.trainer.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a checkpoint after every CE epoch, at the end of CE (with its evaluation), every
 * {@code everySteps} SCST steps and at the end of training. The CE-end and training-end checkpoints,
 * the ones evaluated after each phase, are marked {@code best_ce} and {@code best_scst} and kept. A failed save stops training: a run that
 * believes it is resumable and is not would be worse.
 */
public final class CheckpointListener implements TrainingListener {

    private final Path root;
    private final int everySteps;
    private final int keep;
    private String lastSaved;

    public CheckpointListener(Path root, int everySteps, int keep) {
        this.root = root;
        this.everySteps = everySteps;
        this.keep = keep;
    }

    public static CheckpointListener of(CheckpointConfig config) {
        return new CheckpointListener(Path.of(config.dir()), config.everySteps(), config.keep());
    }

    @Override
    public void onCeEpochEnd(TrainingContext context) {
        save(context);
    }

    @Override
    public void onCeEnd(TrainingContext context) {
        mark(save(context), Checkpoints.BEST_CE);
    }

    @Override
    public void onScstStepEnd(TrainingContext context, StepReport report) {
        if (everySteps > 0 && report.step() % everySteps == 0) {
            save(context);
        }
    }

    @Override
    public void onTrainingEnd(TrainingContext context) {
        CheckpointState s = context.state();
        Path saved = Checkpoints.name(s.ceEpochsDone(), s.scstStepsDone()).equals(lastSaved)
                ? root.resolve(s.runId()).resolve(lastSaved) : save(context);
        if (s.scstStepsDone() > 0) {
            mark(saved, Checkpoints.BEST_SCST);
        }
    }

    private void mark(Path checkpoint, String pointer) {
        try {
            Checkpoints.mark(checkpoint, pointer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot point " + pointer + " at checkpoint " + checkpoint, e);
        }
    }

    private Path save(TrainingContext context) {
        CheckpointState s = context.state();
        try {
            Path saved = Checkpoints.save(root, context, keep);
            lastSaved = Checkpoints.name(s.ceEpochsDone(), s.scstStepsDone());
            return saved;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint of run " + s.runId() + " at CE epoch "
                    + s.ceEpochsDone() + ", SCST step " + s.scstStepsDone() + " under " + root, e);
        }
    }
}
