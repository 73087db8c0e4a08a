package io.scstbus.rewards.signals;

import java.util.Objects;

/** A {@link Signal} whose name, description and version are fixed at construction. */
public abstract class AbstractSignal implements Signal {

    private final String name;
    private final String description;
    private final String version;

    protected AbstractSignal(String name, String description, String version) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String version() {
        return version;
    }
}
