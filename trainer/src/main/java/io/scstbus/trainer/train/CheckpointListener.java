package io.scstbus.trainer.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a checkpoint after every CE epoch, at the end of CE (with its evaluation), every
 * {@code everySteps} SCST steps and at the end of training. A failed save stops training: a run that
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
        save(context);
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
        if (!Checkpoints.name(s.ceEpochsDone(), s.scstStepsDone()).equals(lastSaved)) {
            save(context);
        }
    }

    private void save(TrainingContext context) {
        CheckpointState s = context.state();
        try {
            Checkpoints.save(root, context, keep);
            lastSaved = Checkpoints.name(s.ceEpochsDone(), s.scstStepsDone());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint of run " + s.runId() + " at CE epoch "
                    + s.ceEpochsDone() + ", SCST step " + s.scstStepsDone() + " under " + root, e);
        }
    }
}
