package io.scstbus.trainer.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.scstbus.trainer.data.Example;
import io.scstbus.trainer.data.ImageBatches;
import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.scst.Decoding;
import java.util.ArrayList;
import java.util.List;

/** Greedy captions for evaluation, in batches, outside any gradient collector. */
final class Validation {

    private Validation() {
    }

    static List<String> greedyCaptions(Captioner model, Vocabulary vocabulary, List<Example> images, int batchSize,
                                       int maxLength, NDManager base) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from < images.size(); from += batchSize) {
            List<Example> chunk = images.subList(from, Math.min(images.size(), from + batchSize));
            try (NDManager manager = base.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDList encoded = model.encode(ImageBatches.stack(manager, chunk, model.imageSize()), false);
                for (int[] ids : Decoding.greedy(model, encoded, maxLength)) {
                    out.add(vocabulary.decode(ids));
                }
            }
        }
        return out;
    }
}
