package io.scstbus.rewards.signals;

import io.scstbus.rewards.text.Tokenizer;
import java.util.Map;
import java.util.Objects;

/** Caption length in tokens (not bytes), as the shared tokenizer counts them. */
public final class LengthSignal implements Signal {

    public static final String NAME = "length";

    private final ReferenceTokens tokens;

    public LengthSignal(Tokenizer tokenizer) {
        this(new ReferenceTokens(tokenizer));
    }

    /** With the token cache of the text-metric signals: a candidate they scored is not tokenised again. */
    public LengthSignal(ReferenceTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "caption length in tokens";
    }

    @Override
    public String version() {
        return "length/1";
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        int count = tokens.candidateTokens(candidate).size();
        return SignalResult.ok(count, SignalDetails.extra(Map.of("tokens", (double) count)));
    }
}
