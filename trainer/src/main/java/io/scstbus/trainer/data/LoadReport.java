package io.scstbus.trainer.data;

import java.util.List;

/** What the loader left out under {@link OnProblem#SKIP}, with the first few reasons. */
public record LoadReport(int loaded, int missingImages, int unreadableImages, int withoutCaptions,
                         List<String> firstProblems) {

    public static final int MAX_LISTED = 10;

    public LoadReport {
        firstProblems = List.copyOf(firstProblems);
    }

    public int skipped() {
        return missingImages + unreadableImages + withoutCaptions;
    }

    @Override
    public String toString() {
        return "loaded " + loaded + " images, skipped " + skipped() + " (missing " + missingImages
                + ", unreadable " + unreadableImages + ", without captions " + withoutCaptions + ")"
                + (firstProblems.isEmpty() ? "" : ": " + String.join("; ", firstProblems));
    }
}
