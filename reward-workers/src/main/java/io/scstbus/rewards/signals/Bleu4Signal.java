package io.scstbus.rewards.signals;

import com.github.benmanes.caffeine.cache.Cache;
import io.scstbus.rewards.metrics.Bleu;
import io.scstbus.rewards.metrics.BleuReferences;
import io.scstbus.rewards.metrics.BleuStats;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGrams;
import io.scstbus.rewards.text.Tokenizer;
import java.util.List;
import java.util.Map;

/** Sentence BLEU-4 against the image's reference captions (pycocoevalcap semantics and smoothing). */
public final class Bleu4Signal extends ReferenceMetricSignal {

    public static final String NAME = "bleu_4";

    /** An image's references counted once: the counter that counted them, and what BLEU reads of them. */
    private record ReadReferences(NGramCounter counter, BleuReferences grams) {
    }

    private final Cache<List<CaptionTokens>, ReadReferences> read = perImageCache();

    public Bleu4Signal(Tokenizer tokenizer) {
        this(new ReferenceTokens(tokenizer));
    }

    /** With a token cache shared with the other text-metric signals. */
    public Bleu4Signal(ReferenceTokens tokens) {
        super(NAME, "sentence BLEU-4 against the reference captions (closest reference length)", "bleu_4/1", tokens);
    }

    @Override
    protected SignalResult score(CaptionTokens candidate, List<CaptionTokens> references) {
        ReadReferences refs = read.get(references, Bleu4Signal::read);
        NGrams counted = NGramCounter.extending(refs.counter()).count(candidate.words());
        BleuStats stats = Bleu.stats(counted, refs.grams());
        double[] scores = Bleu.scores(stats);
        return SignalResult.ok(scores[3], SignalDetails.extra(Map.of(
                "bleu_1", scores[0],
                "bleu_2", scores[1],
                "bleu_3", scores[2],
                "candidate_tokens", (double) stats.testLength(),
                "closest_reference_tokens", (double) stats.referenceLength(),
                "matched_4grams", (double) stats.correct(4))));
    }

    private static ReadReferences read(List<CaptionTokens> references) {
        NGramCounter counter = new NGramCounter();
        List<NGrams> grams = references.stream().map(caption -> counter.count(caption.words())).toList();
        return new ReadReferences(counter, BleuReferences.of(grams));
    }
}
