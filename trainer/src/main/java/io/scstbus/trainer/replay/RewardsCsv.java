package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.SignalScore;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rewards.csv}: one row per candidate caption, written step by step as steps close. Columns:
 * step, image_id, sample_index, kind (sample|greedy), group_status, tokens, caption, per signal its
 * value and status, total (the trainer's combined reward) and advantage (the trainer's, samples only).
 */
final class RewardsCsv implements Closeable {

    private final BufferedWriter out;
    private final List<String> signals;
    private long rows;

    RewardsCsv(Path file, List<String> signals) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.signals = List.copyOf(signals);
        List<String> header = new ArrayList<>(List.of("step", "image_id", "sample_index", "kind", "group_status",
                "tokens", "caption"));
        for (String s : signals) {
            header.add(s);
            header.add(s + "_status");
        }
        header.add("total");
        header.add("advantage");
        out.write(Csv.line(header));
    }

    void write(List<CandidateRow> step) throws IOException {
        for (CandidateRow r : step) {
            List<String> cells = new ArrayList<>(List.of(Long.toString(r.step()), r.imageId(),
                    Integer.toString(r.sampleIndex()), r.greedy() ? "greedy" : "sample", r.status(),
                    Integer.toString(r.tokens()), r.caption()));
            for (String s : signals) {
                SignalScore score = r.scores().get(s);
                cells.add(score == null ? "" : Csv.num(score.getValue()));
                cells.add(score == null ? "" : score.getStatus().name());
            }
            cells.add(Csv.num(r.total()));
            cells.add(Csv.num(r.advantage()));
            out.write(Csv.line(cells));
            rows++;
        }
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
