package io.scstbus.trainer.train;

/**
 * Checkpoints under {@code dir/<run id>/}: after every CE epoch, every {@code everySteps} SCST steps,
 * at the end of each phase; the last {@code keep} are kept.
 *
 * @param dir root folder, or null for no checkpoints
 * @param everySteps SCST steps between checkpoints; 0 = only at phase ends
 * @param keep checkpoints kept per run
 * @param resume continue from the run's latest checkpoint (the given run id's, else the newest run's)
 */
public record CheckpointConfig(String dir, int everySteps, int keep, boolean resume) {

    public CheckpointConfig {
        Checks.range("checkpoint.every_steps", everySteps, 0, 100_000_000);
        Checks.range("checkpoint.keep", keep, 1, 1000);
        if (resume && (dir == null || dir.isBlank())) {
            throw new IllegalArgumentException("checkpoint.resume needs checkpoint.dir to be set");
        }
    }

    public static CheckpointConfig none() {
        return new CheckpointConfig(null, 0, 2, false);
    }
}
