package io.scstbus.trainer.train;

import io.scstbus.trainer.data.Example;
import java.util.List;

/** Scores generated captions of val images with the configured signals. */
public interface CaptionEvaluator {

    /**
     * @param captions one generated caption per image, same order
     * @param sequence a number unique to this evaluation within the run (used in bus keys)
     */
    EvalResult evaluate(String label, long sequence, List<Example> images, List<String> captions);

    /** Up to this many examples go into {@link EvalResult#examples()}. */
    int EXAMPLES = 3;

    static List<List<String>> examples(List<Example> images, List<String> captions) {
        List<List<String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(EXAMPLES, images.size()); i++) {
            Example e = images.get(i);
            out.add(List.of(e.imageId(), captions.get(i), e.captions().isEmpty() ? "" : e.captions().get(0)));
        }
        return out;
    }
}
