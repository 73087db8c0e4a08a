package io.scstbus.rewards.graph.factual;

import java.nio.file.Path;

/**
 * The FACTUAL model directory cannot be used: missing, incomplete, unreadable, broken, or its parts do not
 * fit together. Thrown by {@link FactualOnnxParser#load} at start, never mid-training; the message names
 * the path and what is wrong. An {@link IllegalStateException} so command-line code that reports an
 * unavailable backend handles it like the others.
 */
public final class FactualModelException extends IllegalStateException {

    private final transient Path path;

    public FactualModelException(Path path, String problem) {
        super("FACTUAL model " + path + ": " + problem);
        this.path = path;
    }

    public FactualModelException(Path path, String problem, Throwable cause) {
        super("FACTUAL model " + path + ": " + problem + describe(cause), cause);
        this.path = path;
    }

    /** The file or directory the problem is about. */
    public Path path() {
        return path;
    }

    private static String describe(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && sb.indexOf(t.getMessage()) < 0) {
                sb.append(sb.length() == 0 ? " (" : "; ").append(t.getMessage().strip());
            }
        }
        return sb.length() == 0 ? "" : sb.append(')').toString();
    }
}
