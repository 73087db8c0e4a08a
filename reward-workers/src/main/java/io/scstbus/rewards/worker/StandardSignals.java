package io.scstbus.rewards.worker;

import io.scstbus.rewards.signals.LengthSignal;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.rewards.text.Tokenizer;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The composition root of the signals: which contract names exist, and how each is built from the
 * shared resources. A worker builds only the signals its group serves.
 */
public final class StandardSignals {

    private final Map<String, Supplier<Signal>> factories = new LinkedHashMap<>();

    public StandardSignals() {
        Tokenizer tokenizer = new WhitespaceTokenizer();
        factories.put(LengthSignal.NAME, () -> new LengthSignal(tokenizer));
    }

    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** Builds the named signals; fails naming the first unknown one and listing the known ones. */
    public SignalRegistry create(List<String> names) {
        List<Signal> signals = new ArrayList<>();
        for (String name : names) {
            Supplier<Signal> factory = factories.get(name);
            if (factory == null) {
                throw new IllegalArgumentException("unknown signal '" + name + "'; known signals: " + names());
            }
            signals.add(factory.get());
        }
        return new SignalRegistry(signals);
    }

    public SignalRegistry createAll() {
        return create(names());
    }
}
