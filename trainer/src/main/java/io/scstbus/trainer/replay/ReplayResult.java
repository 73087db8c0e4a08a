package io.scstbus.trainer.replay;

import java.util.List;
import java.util.Locale;

/**
 * What a replay found and wrote. Counts are over the steps in range, comparable with the trainer's
 * run summary: {@code scoresReceived} is its {@code results_received}, {@code dropped} its
 * {@code groups_dropped}, {@code leftOut} its {@code groups_left_out}.
 */
public record ReplayResult(String runId, long steps, Long firstStep, Long lastStep, long groups, long included,
                           long leftOut, long dropped, long rerequested, long scoresReceived, long scoresExpected,
                           long duplicates, long lateResults, long rows, int objects, long recordsRead,
                           double seconds, List<String> warnings, RescoreComparison.Summary rescore) {

    public ReplayResult {
        warnings = List.copyOf(warnings);
    }

    /** The summary table the CLI prints at the end. */
    public String toTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "replay of run %s: steps %s-%s (%d steps), %.1f s, %,d records read%n", runId,
                firstStep == null ? "-" : firstStep, lastStep == null ? "-" : lastStep, steps, seconds, recordsRead));
        row(b, "candidate rows (rewards.csv)", rows);
        row(b, "groups", groups);
        row(b, "  included in the update", included);
        row(b, "  left out (non-OK score)", leftOut);
        row(b, "  dropped (incomplete)", dropped);
        row(b, "groups re-requested", rerequested);
        row(b, "scores received / expected", scoresReceived + " / " + scoresExpected);
        row(b, "duplicate results", duplicates);
        row(b, "late results", lateResults);
        row(b, "objects (objects.csv)", objects);
        row(b, "warnings", warnings.size());
        if (rescore != null) {
            row(b, "rescore: totals compared", rescore.compared());
            row(b, "rescore: mean |total diff|", String.format(Locale.ROOT, "%.6g", rescore.meanAbsTotalDiff()));
            row(b, "rescore: max |total diff|", String.format(Locale.ROOT, "%.6g", rescore.maxAbsTotalDiff()));
            row(b, "rescore: advantage sign flips", rescore.advantageSignFlips());
            row(b, "rescore: best sample changed", rescore.bestChanged() + " of " + rescore.groupsCompared() + " groups");
        }
        for (String w : warnings) {
            b.append("  warning: ").append(w).append('\n');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Object value) {
        b.append(String.format(Locale.ROOT, "  %-32s %s%n", name, value));
    }
}
