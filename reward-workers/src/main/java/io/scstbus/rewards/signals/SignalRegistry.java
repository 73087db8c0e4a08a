package io.scstbus.rewards.signals;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The signals a process can compute, by contract name. Built once at start-up, immutable. */
public final class SignalRegistry {

    private final Map<String, Signal> byName;

    public SignalRegistry(Collection<? extends Signal> signals) {
        Map<String, Signal> map = new LinkedHashMap<>();
        for (Signal signal : signals) {
            Signal previous = map.putIfAbsent(signal.name(), signal);
            if (previous != null) {
                throw new IllegalArgumentException("signal '" + signal.name() + "' registered twice");
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(map);
    }

    public Optional<Signal> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Signal get(String name) {
        Signal signal = byName.get(name);
        if (signal == null) {
            throw new IllegalArgumentException("unknown signal '" + name + "'; known: " + byName.keySet());
        }
        return signal;
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Collection<Signal> all() {
        return byName.values();
    }

    /** A registry restricted to {@code names}, in that order; fails naming the first unknown one. */
    public SignalRegistry select(List<String> names) {
        return new SignalRegistry(names.stream().map(this::get).toList());
    }
}
