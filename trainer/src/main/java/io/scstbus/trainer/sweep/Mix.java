package io.scstbus.trainer.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A named signal mix: weights that override the preset's ({@code scst.signals}); a signal the preset
 * lacks is added. Written {@code NAME=signal:weight,signal:weight}, or {@code NAME=} for the preset's own.
 */
public record Mix(String name, Map<String, Double> weights) {

    public Mix {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a mix name is 1-64 letters, digits, '_', '.' or '-', got '" + name + "'");
        }
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public static Mix parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--mix must be NAME=signal:weight,... (or NAME= for the preset's mix), got '"
                    + text + "'");
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        String body = text.substring(eq + 1).strip();
        if (!body.isEmpty()) {
            for (String part : body.split(",")) {
                String[] kv = part.strip().split(":");
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("mix '" + text + "': '" + part + "' is not signal:weight");
                }
                try {
                    weights.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("mix '" + text + "': weight of " + kv[0].strip() + " is not a number: '"
                            + kv[1].strip() + "'", e);
                }
            }
        }
        return new Mix(text.substring(0, eq).strip(), weights);
    }

    /** The preset's weights with this mix's applied. */
    public Map<String, Double> applyTo(Map<String, Double> preset) {
        Map<String, Double> out = new LinkedHashMap<>(preset);
        out.putAll(weights);
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append('=');
        weights.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '=' ? "" : ",").append(k).append(':')
                .append(String.format(Locale.ROOT, "%s", v)));
        return b.toString();
    }
}
