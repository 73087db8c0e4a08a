package io.scstbus.trainer.train;

/**
 * Phase 1, cross-entropy with teacher forcing.
 *
 * @param epochs passes over every (image, caption) pair; 0 skips the phase
 * @param batchSize pairs per update
 * @param learningRate Adam learning rate
 */
public record CeConfig(int epochs, int batchSize, double learningRate) {

    public CeConfig {
        Checks.range("ce.epochs", epochs, 0, 10_000);
        Checks.range("ce.batch_size", batchSize, 1, 65_536);
        Checks.positive("ce.learning_rate", learningRate, 1.0);
    }
}
