package io.scstbus.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trainer's caption normalisation: lower case ({@link Locale#ROOT}), letters and digits kept,
 * everything else a separator. {@code "Many planes are parked ."} becomes {@code many planes are parked}.
 * Vocabulary, CE targets and the reference captions the trainer publishes all go through it, so the
 * captions it generates and the references they are scored against are written the same way.
 */
public final class CaptionText {

    private CaptionText() {
    }

    public static List<String> tokens(String caption) {
        String lower = caption.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                current.append(c);
            } else if (current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    public static String normalize(String caption) {
        return String.join(" ", tokens(caption));
    }
}
