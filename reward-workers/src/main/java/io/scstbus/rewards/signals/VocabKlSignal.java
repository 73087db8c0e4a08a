package io.scstbus.rewards.signals;

import io.scstbus.rewards.text.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * vocab_kl: how far the run's recent generated vocabulary is from the training captions' unigram
 * distribution, as {@link VocabKl#divergence} in nats (lower is closer). Each candidate is scored
 * against the run's window as it would be with the candidate's tokens appended; the worker appends the
 * group's tokens after scoring it. The window and the reference distribution are state the worker keeps
 * (a Kafka Streams store per run and task, the references topic); this class only does the math, so the
 * stateless {@link #score(String, ReferenceContext)} cannot answer and says so.
 */
public final class VocabKlSignal implements Signal {

    public static final String NAME = "vocab_kl";

    private final Tokenizer tokenizer;
    private final int windowTokens;

    public VocabKlSignal(Tokenizer tokenizer, int windowTokens) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        if (windowTokens < 1) {
            throw new IllegalArgumentException("vocab_kl window must be >= 1 token, got " + windowTokens);
        }
        this.windowTokens = windowTokens;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "KL(training unigrams || last " + windowTokens + " generated tokens of the run), nats; stateful";
    }

    @Override
    public String version() {
        return "vocab_kl/1";
    }

    /** Tokens of the rolling window. */
    public int windowTokens() {
        return windowTokens;
    }

    /** The candidate's tokens, as the window counts them. */
    public List<String> tokens(String candidate) {
        return tokenizer.tokenize(candidate);
    }

    /** The score of a candidate whose tokens are {@code tokens}, given the run's window before it. */
    public SignalResult score(List<String> tokens, TokenWindow window, UnigramDistribution reference) {
        if (reference.isEmpty()) {
            return SignalResult.invalid("vocab_kl: no training reference captions for this dataset");
        }
        WindowCounts after = window.preview(tokens);
        double kl = VocabKl.divergence(reference, after);
        return SignalResult.ok(kl, SignalDetails.extra(Map.of("window_tokens", (double) after.total(),
                "reference_types", (double) reference.types())));
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        return SignalResult.invalid("vocab_kl is stateful: it needs the run's token window, which only the Kafka "
                + "worker keeps");
    }
}
