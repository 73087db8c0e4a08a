package io.scstbus.rewards.cli;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Values by text, looked up from a range of chars (a JSON parser's own buffer), so that a text seen
 * before costs a hash and a compare but no String: {@code score} looks up some 300,000 captions of
 * which a few percent are distinct. Open addressing with linear probing. Not thread-safe.
 */
final class TextTable<V> {

    private char[][] keys = new char[1024][];
    private int[] hashes = new int[1024];
    private Object[] values = new Object[1024];
    private int size;

    /** The value for {@code chars[offset, offset + length)}, made by {@code create} from its String the first time. */
    @SuppressWarnings("unchecked")
    V computeIfAbsent(char[] chars, int offset, int length, Function<String, V> create) {
        int hash = hash(chars, offset, length);
        int mask = keys.length - 1;
        int slot = spread(hash) & mask;
        for (char[] key = keys[slot]; key != null; key = keys[slot]) {
            if (hashes[slot] == hash && Arrays.equals(key, 0, key.length, chars, offset, offset + length)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        V value = create.apply(new String(chars, offset, length));
        keys[slot] = Arrays.copyOfRange(chars, offset, offset + length);
        hashes[slot] = hash;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return value;
    }

    int size() {
        return size;
    }

    private static int hash(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        return hash;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void grow() {
        char[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        keys = new char[oldKeys.length * 2][];
        hashes = new int[keys.length];
        values = new Object[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = spread(oldHashes[i]) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
