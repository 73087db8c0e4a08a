package io.scstbus.rewards.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Errors collected while reading, up to a fixed number: a garbled model output cannot make the list
 * grow without bound. {@link #dropped()} tells how many were left out. Not thread-safe: one per read.
 */
public final class ParseErrorList {

    private final int capacity;
    private final List<ParseError> errors = new ArrayList<>();
    private int dropped;

    private ParseErrorList(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("error capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps up to {@code capacity} errors. */
    public static ParseErrorList tracking(int capacity) {
        return new ParseErrorList(capacity);
    }

    /** Keeps none (the default when a caller does not ask for errors). */
    public static ParseErrorList noTracking() {
        return new ParseErrorList(0);
    }

    void add(int offset, String message) {
        if (errors.size() < capacity) {
            errors.add(new ParseError(offset, message));
        } else {
            dropped++;
        }
    }

    public List<ParseError> errors() {
        return Collections.unmodifiableList(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty() && dropped == 0;
    }

    /** Errors beyond the capacity that were counted but not kept. */
    public int dropped() {
        return dropped;
    }

    @Override
    public String toString() {
        return errors + (dropped > 0 ? " (+" + dropped + " more)" : "");
    }
}
