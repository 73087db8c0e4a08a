package io.scstbus.rewards.signals;

import io.scstbus.rewards.text.Tokenizer;
import java.util.Map;
import java.util.Objects;

/** Caption length in tokens (not bytes), as the shared tokenizer counts them. */
public final class LengthSignal implements Signal {

    public static final String NAME = "length";

    private final Tokenizer tokenizer;

    public LengthSignal(Tokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
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
        int tokens = tokenizer.tokenize(candidate).size();
        return SignalResult.ok(tokens, SignalDetails.extra(Map.of("tokens", (double) tokens)));
    }
}
