package io.scstbus.trainer.train;

import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioner;

/** What a {@link TrainingListener} may look at: the run's state and the objects a checkpoint saves. */
public interface TrainingContext {

    TrainConfig config();

    CheckpointState state();

    Captioner model();

    AdamOptimizer optimizer();

    Vocabulary vocabulary();
}
