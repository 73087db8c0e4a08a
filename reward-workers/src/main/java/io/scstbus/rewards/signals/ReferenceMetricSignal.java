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
     * Images whose references a signal keeps read (n-grams counted, vectors weighted). The candidates of a
     * rollout group (K samples and the greedy caption) are scored one after another against the same
     * references, so the gain comes within a group and a bound of 32 steps of 32 images is ample; cider_d
     * and bleu_4 together keep about 9 KB an image (RSICD), 9 MB at this bound.
     */
    static final int READ_IMAGES = 1_024;

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
