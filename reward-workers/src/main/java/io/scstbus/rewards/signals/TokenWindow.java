package io.scstbus.rewards.signals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} generated tokens of a run, in order, with their counts: appending past the
 * capacity drops the oldest. A plain value with no I/O; whoever owns it (a stream task) persists it.
 * Not thread-safe: one owner.
 */
public final class TokenWindow implements WindowCounts {

    private final int capacity;
    private final ArrayDeque<String> tokens = new ArrayDeque<>();
    private final Map<String, Integer> counts = new HashMap<>();

    public TokenWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be >= 1 token, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** A window holding the last {@code capacity} of {@code tokens}, oldest first. */
    public static TokenWindow of(int capacity, List<String> tokens) {
        TokenWindow window = new TokenWindow(capacity);
        window.append(tokens);
        return window;
    }

    public int capacity() {
        return capacity;
    }

    /** Appends in order, dropping the oldest tokens beyond the capacity. */
    public void append(List<String> more) {
        for (String token : more) {
            tokens.addLast(token);
            counts.merge(token, 1, Integer::sum);
            if (tokens.size() > capacity) {
                drop(tokens.removeFirst());
            }
        }
    }

    private void drop(String token) {
        counts.computeIfPresent(token, (t, n) -> n == 1 ? null : n - 1);
    }

    /** The tokens, oldest first. */
    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    @Override
    public int count(String token) {
        return counts.getOrDefault(token, 0);
    }

    @Override
    public long total() {
        return tokens.size();
    }

    /**
     * The counts this window would have after appending {@code more} (oldest tokens dropped as
     * {@link #append} would), without changing it. A view: valid until this window next changes.
     */
    public WindowCounts preview(List<String> more) {
        Map<String, Integer> delta = new HashMap<>();
        for (String token : more) {
            delta.merge(token, 1, Integer::sum);
        }
        int overflow = Math.max(0, tokens.size() + more.size() - capacity);
        // the oldest 'overflow' tokens of (window + more) leave: first from the window, then from 'more'
        Iterator<String> oldest = tokens.iterator();
        List<String> leaving = new ArrayList<>();
        for (int i = 0; i < overflow; i++) {
            leaving.add(oldest.hasNext() ? oldest.next() : more.get(i - tokens.size()));
        }
        for (String token : leaving) {
            delta.merge(token, -1, Integer::sum);
        }
        long total = Math.min(capacity, tokens.size() + more.size());
        return new WindowCounts() {
            @Override
            public int count(String token) {
                return counts.getOrDefault(token, 0) + delta.getOrDefault(token, 0);
            }

            @Override
            public long total() {
                return total;
            }
        };
    }
}
