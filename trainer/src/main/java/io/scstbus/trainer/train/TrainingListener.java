package io.scstbus.trainer.train;

import java.util.List;

/**
 * Hooks of the training loop (DJL's TrainingListener, reduced to what this loop has). Checkpoints are
 * a listener, never inline in the loop. Called on the training thread, after the optimiser step.
 */
public interface TrainingListener {

    default void onCeEpochEnd(TrainingContext context) {
    }

    /** After the last CE epoch and its evaluation. */
    default void onCeEnd(TrainingContext context) {
    }

    default void onScstStepEnd(TrainingContext context, StepReport report) {
    }

    default void onTrainingEnd(TrainingContext context) {
    }

    /** After each evaluation, with the greedy captions it scored (one per val image, in order). */
    default void onEvaluation(EvalResult result, List<String> captions) {
    }
}
