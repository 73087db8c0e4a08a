package io.scstbus.trainer.replay;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rescore.csv} and its totals: per candidate, the recorded and the rescored total, advantage
 * and rank within its group's samples (1 = best), and per step the mean totals for a plot.
 */
final class RescoreComparison implements Closeable {

    private final BufferedWriter out;
    private long compared;
    private double sumAbsDiff;
    private double maxAbsDiff;
    private long signFlips;
    private long rankChanges;
    private long groupsCompared;
    private long bestChanged;
    private long rescoredNotIncluded;
    private final List<double[]> perStep = new ArrayList<>();

    RescoreComparison(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(Csv.line(List.of("step", "image_id", "sample_index", "kind", "original_status", "rescored_status",
                "original_total", "rescored_total", "total_diff", "original_advantage", "rescored_advantage",
                "advantage_sign_flip", "original_rank", "rescored_rank")));
    }

    void add(List<CandidateRow> original, List<CandidateRow> rescored) throws IOException {
        Map<String, CandidateRow> byCandidate = new HashMap<>();
        rescored.forEach(r -> byCandidate.put(id(r), r));
        Map<String, Integer> rankBefore = ranks(original);
        Map<String, Integer> rankAfter = ranks(rescored);
        Map<String, Boolean> bestSame = new HashMap<>();
        double sumOriginal = 0;
        double sumRescored = 0;
        int n = 0;
        for (CandidateRow o : original) {
            CandidateRow r = byCandidate.get(id(o));
            Double diff = null;
            String flip = "";
            if (r != null && o.total() != null && r.total() != null) {
                diff = r.total() - o.total();
                compared++;
                sumAbsDiff += Math.abs(diff);
                maxAbsDiff = Math.max(maxAbsDiff, Math.abs(diff));
                if (!o.greedy()) {
                    sumOriginal += o.total();
                    sumRescored += r.total();
                    n++;
                }
            }
            if (r != null && o.total() != null && r.total() == null) {
                rescoredNotIncluded++;
            }
            if (r != null && o.advantage() != null && r.advantage() != null) {
                boolean flipped = Math.signum(o.advantage()) != Math.signum(r.advantage());
                flip = flipped ? "yes" : "no";
                signFlips += flipped ? 1 : 0;
            }
            Integer before = rankBefore.get(id(o));
            Integer after = rankAfter.get(id(o));
            if (before != null && after != null) {
                if (!before.equals(after)) {
                    rankChanges++;
                }
                if (before == 1 || after == 1) {
                    String g = o.imageId();
                    bestSame.merge(g, before == 1 && after == 1, (a, b) -> a && b);
                }
            }
            out.write(Csv.line(List.of(Long.toString(o.step()), o.imageId(), Integer.toString(o.sampleIndex()),
                    o.greedy() ? "greedy" : "sample", o.status(), r == null ? "" : r.status(), Csv.num(o.total()),
                    r == null ? "" : Csv.num(r.total()), Csv.num(diff), Csv.num(o.advantage()),
                    r == null ? "" : Csv.num(r.advantage()), flip, before == null ? "" : before.toString(),
                    after == null ? "" : after.toString())));
        }
        groupsCompared += bestSame.size();
        bestChanged += bestSame.values().stream().filter(same -> !same).count();
        if (n > 0 && !original.isEmpty()) {
            perStep.add(new double[] {original.get(0).step(), sumOriginal / n, sumRescored / n});
        }
    }

    private static String id(CandidateRow r) {
        return r.imageId() + "/" + r.sampleIndex() + "/" + r.greedy();
    }

    /** Rank of each included sample within its group by total (descending), ties by sample index. */
    private static Map<String, Integer> ranks(List<CandidateRow> rows) {
        Map<String, List<CandidateRow>> groups = new HashMap<>();
        for (CandidateRow r : rows) {
            if (!r.greedy() && r.total() != null) {
                groups.computeIfAbsent(r.imageId(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Integer> out = new HashMap<>();
        for (List<CandidateRow> g : groups.values()) {
            g.sort(Comparator.comparingDouble((CandidateRow r) -> -r.total()).thenComparingInt(CandidateRow::sampleIndex));
            for (int i = 0; i < g.size(); i++) {
                out.put(id(g.get(i)), i + 1);
            }
        }
        return out;
    }

    /** The comparison in numbers, for the summary and the report. */
    Summary summary() {
        return new Summary(compared, compared == 0 ? Double.NaN : sumAbsDiff / compared, maxAbsDiff, signFlips,
                rankChanges, groupsCompared, bestChanged, rescoredNotIncluded);
    }

    List<double[]> perStep() {
        return List.copyOf(perStep);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * @param compared candidates with a total both ways
     * @param bestChanged groups whose best sample is another one after rescoring
     * @param rescoredNotIncluded candidates included originally whose group the rescore leaves out
     */
    record Summary(long compared, double meanAbsTotalDiff, double maxAbsTotalDiff, long advantageSignFlips,
                   long rankChanges, long groupsCompared, long bestChanged, long rescoredNotIncluded) {
    }
}
