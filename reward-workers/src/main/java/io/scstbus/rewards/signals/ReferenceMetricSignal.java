package io.scstbus.rewards.signals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scstbus.rewards.metrics.CaptionTokens;
import java.util.List;
import java.util.Objects;

/**
 * A caption metric against the image's reference captions (CIDEr-D, BLEU-4, ROUGE-L): the tokens
 * come from a {@link ReferenceTokens} cache shared by these signals, and an image without references
 * is INVALID here, once. Subclasses say what they compute from the tokens.
 */
public abstract class ReferenceMetricSignal extends AbstractSignal {

    /**
     * Images whose references a signal keeps read (n-grams counted, vectors weighted): the images of the
     * last hundred-odd 32-image steps, a few MB. Every candidate of a rollout group (K samples and the
     * greedy caption) is scored against the same references.
     */
    static final int READ_IMAGES = 4_096;

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

    /**
     * A cache of what a signal reads from an image's references, keyed by the reference tokens'
     * {@link ReferenceTokens} list: by identity (weak keys), so an entry goes when that list leaves the
     * token cache, and a reloaded reference set is read afresh.
     */
    protected static <V> Cache<List<CaptionTokens>, V> perImageCache() {
        return Caffeine.newBuilder().weakKeys().maximumSize(READ_IMAGES).build();
    }

    /** The metric of one tokenized candidate against its image's tokenized references (at least one). */
    protected abstract SignalResult score(CaptionTokens candidate, List<CaptionTokens> references);
}
