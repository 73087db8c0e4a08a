package io.scstbus.rewards.signals;

import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.metrics.RougeL;
import io.scstbus.rewards.text.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** ROUGE-L (beta 1.2) against the image's reference captions, pycocoevalcap semantics. */
public final class RougeLSignal implements Signal {

    public static final String NAME = "rouge_l";

    private final ReferenceTokens tokens;

    public RougeLSignal(Tokenizer tokenizer) {
        this(new ReferenceTokens(tokenizer));
    }

    /** With a token cache shared with the other text-metric signals. */
    public RougeLSignal(ReferenceTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ROUGE-L F-measure (beta 1.2) of the longest common subsequence with the references";
    }

    @Override
    public String version() {
        return "rouge_l/1";
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        if (references.captions().isEmpty()) {
            return SignalResult.invalid("no reference captions for image '" + references.imageId() + "'");
        }
        List<List<String>> refs = tokens.references(references).stream().map(CaptionTokens::rougeWords).toList();
        RougeL.Result result = RougeL.evaluate(tokens.candidate(candidate).rougeWords(), refs);
        return SignalResult.ok(result.score(), SignalDetails.extra(Map.of(
                "precision", result.precision(),
                "recall", result.recall())));
    }
}
