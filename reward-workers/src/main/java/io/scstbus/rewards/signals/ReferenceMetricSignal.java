package io.scstbus.rewards.signals;

import io.scstbus.rewards.metrics.CaptionTokens;
import java.util.List;
import java.util.Objects;

/**
 * A caption metric against the image's reference captions (CIDEr-D, BLEU-4, ROUGE-L): the tokens
 * come from a {@link ReferenceTokens} cache shared by these signals, and an image without references
 * is INVALID here, once. Subclasses say what they compute from the tokens.
 */
public abstract class ReferenceMetricSignal extends AbstractSignal {

    private final ReferenceTokens tokens;

    protected ReferenceMetricSignal(String name, String description, String version, ReferenceTokens tokens) {
        super(name, description, version);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public final SignalResult score(String candidate, ReferenceContext references) {
        if (references.captions().isEmpty()) {
            return SignalResult.invalid("no reference captions for image '" + references.imageId() + "'");
        }
        return score(tokens.candidate(candidate), tokens.references(references));
    }

    /** The metric of one tokenized candidate against its image's tokenized references (at least one). */
    protected abstract SignalResult score(CaptionTokens candidate, List<CaptionTokens> references);
}
