package io.scstbus.trainer.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Seeds written as a range {@code 1..5}, a list {@code 1,4,9}, or both {@code 1..3,7}. */
public final class Seeds {

    /** More runs than this is a typo, not a sweep. */
    static final int MAX = 1000;

    private Seeds() {
    }

    public static List<Long> parse(String text) {
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                int dots = p.indexOf("..");
                if (dots >= 0) {
                    long from = Long.parseLong(p.substring(0, dots).strip());
                    long to = Long.parseLong(p.substring(dots + 2).strip());
                    if (to < from || to - from >= MAX) {
                        throw new IllegalArgumentException("--seeds range '" + p + "' must go up, with at most " + MAX
                                + " seeds");
                    }
                    for (long s = from; s <= to; s++) {
                        out.add(s);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds must be like 1..5 or 1,4,9, got '" + text + "'", e);
            }
        }
        if (out.size() > MAX) {
            throw new IllegalArgumentException("--seeds names " + out.size() + " seeds; at most " + MAX);
        }
        return new ArrayList<>(out);
    }
}
