package io.scstbus.rewards.signals;

import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.metrics.RougeL;
import io.scstbus.rewards.text.Tokenizer;
import java.util.List;
import java.util.Map;

/** ROUGE-L (beta 1.2) against the image's reference captions, pycocoevalcap semantics. */
public final class RougeLSignal extends ReferenceMetricSignal {

    public static final String NAME = "rouge_l";

    public RougeLSignal(Tokenizer tokenizer) {
        this(new ReferenceTokens(tokenizer));
    }

    /** With a token cache shared with the other text-metric signals. */
    public RougeLSignal(ReferenceTokens tokens) {
        super(NAME, "ROUGE-L F-measure (beta 1.2) of the longest common subsequence with the references",
                "rouge_l/1", tokens);
    }

    @Override
    protected SignalResult score(CaptionTokens candidate, List<CaptionTokens> references) {
        List<List<String>> refs = references.stream().map(CaptionTokens::rougeWords).toList();
        RougeL.Result result = RougeL.evaluate(candidate.rougeWords(), refs);
        return SignalResult.ok(result.score(), SignalDetails.extra(Map.of(
                "precision", result.precision(),
                "recall", result.recall())));
    }
}
