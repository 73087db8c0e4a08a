package io.scstbus.rewards.worker;

import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalResult;
import java.util.List;

/**
 * Stands for a requested signal name that no worker can serve (not a contract name), so the group that
 * answers for unknown names can say so: every candidate gets INVALID with {@code unknown signal 'NAME';
 * known: [...]}.
 */
final class UnknownSignal implements Signal {

    static final String VERSION = "unknown/0";

    private final String name;
    private final SignalResult result;

    UnknownSignal(String name, List<String> known) {
        this.name = name;
        this.result = SignalResult.invalid("unknown signal '" + name + "'; known: " + known);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a requested name that is not a signal";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public SignalResult score(String candidate, ReferenceContext references) {
        return result;
    }
}
