package io.scstbus.trainer.train;

import io.scstbus.trainer.data.DataConfig;
import java.io.IOException;

/**
 * Runs before the dataset is loaded; the embedded default plugs the synthetic generator in here to
 * write {@link DataConfig#synthetic()} into {@link DataConfig#root()} when it is not there yet.
 */
@FunctionalInterface
public interface DataPreparer {

    void prepare(DataConfig data) throws IOException;
}
