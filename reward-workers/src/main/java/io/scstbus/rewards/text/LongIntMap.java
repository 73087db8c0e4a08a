package io.scstbus.rewards.text;

import java.util.Arrays;

/**
 * Open-addressing hash map from {@code long} to non-negative {@code int}, without boxing. Not
 * thread-safe while written; read-only use after safe publication is.
 */
final class LongIntMap {

    static final int ABSENT = -1;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys;
    private int[] values;
    private int shift;
    private int size;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private LongIntMap(LongIntMap other) {
        this.keys = other.keys.clone();
        this.values = other.values.clone();
        this.shift = other.shift;
        this.size = other.size;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, ABSENT);
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        size = 0;
    }

    int size() {
        return size;
    }

    int get(long key) {
        int mask = values.length - 1;
        for (int slot = (int) ((key * GOLDEN) >>> shift); ; slot = (slot + 1) & mask) {
            int value = values[slot];
            if (value == ABSENT || keys[slot] == key) {
                return value;
            }
        }
    }

    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be >= 0, got " + value);
        }
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        int mask = values.length - 1;
        for (int slot = (int) ((key * GOLDEN) >>> shift); ; slot = (slot + 1) & mask) {
            if (values[slot] == ABSENT) {
                keys[slot] = key;
                values[slot] = value;
                size++;
                return;
            }
            if (keys[slot] == key) {
                values[slot] = value;
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    LongIntMap copy() {
        return new LongIntMap(this);
    }
}
