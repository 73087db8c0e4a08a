package io.scstbus.rewards.signals;

import io.scstbus.rewards.metrics.Bleu;
import io.scstbus.rewards.metrics.BleuStats;
import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGrams;
import io.scstbus.rewards.text.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Sentence BLEU-4 against the image's reference captions (pycocoevalcap semantics and smoothing). */
public final class Bleu4Signal implements Signal {

    public static final String NAME = "bleu_4";

    private final ReferenceTokens tokens;

    public Bleu4Signal(Tokenizer tokenizer) {
        this(new ReferenceTokens(tokenizer));
    }

    /** With a token cache shared with the other text-metric signals. */
    public Bleu4Signal(ReferenceTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "sentence BLEU-4 against the reference captions (closest reference length)";
    }

    @Override
    public String version() {
        return "bleu_4/1";
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        if (references.captions().isEmpty()) {
            return SignalResult.invalid("no reference captions for image '" + references.imageId() + "'");
        }
        NGramCounter counter = new NGramCounter();
        NGrams counted = counter.count(tokens.candidate(candidate).words());
        List<NGrams> refs = tokens.references(references).stream()
                .map(caption -> counter.count(caption.words())).toList();
        BleuStats stats = Bleu.stats(counted, refs);
        double[] scores = Bleu.scores(stats);
        return SignalResult.ok(scores[3], SignalDetails.extra(Map.of(
                "bleu_1", scores[0],
                "bleu_2", scores[1],
                "bleu_3", scores[2],
                "candidate_tokens", (double) stats.testLength(),
                "closest_reference_tokens", (double) stats.referenceLength(),
                "matched_4grams", (double) stats.correct(4))));
    }
}
