package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.CountError;
import io.scstbus.proto.v1.SignalDetails;
import io.scstbus.proto.v1.SignalScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * {@code objects.csv}: per object lemma over every candidate in range, how often the candidate
 * mentions it (matched or invented), misses it (oversight), invents it (hallucination), and its count
 * errors where both sides count it. From the details the object signals put on the wire. Memory: one
 * counter per distinct object.
 */
final class ObjectTable {

    /** The object signals, all carrying the same alignment details; the first present is read. */
    static final List<String> OBJECT_SIGNALS = List.of("sde", "oversight", "hallucination", "count_abs", "count_signed",
            "count_coverage");

    private final Map<String, Counts> objects = new TreeMap<>();
    private long candidatesWithDetails;

    static SignalDetails details(CandidateRow row) {
        for (String s : OBJECT_SIGNALS) {
            SignalScore score = row.scores().get(s);
            if (score != null && score.hasDetails()) {
                return score.getDetails();
            }
        }
        return null;
    }

    void add(List<CandidateRow> rows) {
        for (CandidateRow r : rows) {
            SignalDetails d = details(r);
            if (d == null) {
                continue;
            }
            candidatesWithDetails++;
            d.getMatchedList().forEach(o -> counts(o).mentioned++);
            d.getHallucinatedList().forEach(o -> {
                Counts c = counts(o);
                c.mentioned++;
                c.invented++;
            });
            d.getMissingList().forEach(o -> counts(o).missed++);
            for (CountError e : d.getCountedList()) {
                Counts c = counts(e.getObject());
                c.counted++;
                c.absError += Math.abs(e.getGenerated() - e.getReference());
                c.signedError += e.getGenerated() - e.getReference();
            }
        }
    }

    private Counts counts(String object) {
        return objects.computeIfAbsent(object, o -> new Counts());
    }

    void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder(Csv.line(List.of("object", "mentioned", "missed", "invented", "counted",
                "mean_abs_count_error", "mean_signed_count_error")));
        objects.forEach((name, c) -> b.append(Csv.line(List.of(name, Long.toString(c.mentioned), Long.toString(c.missed),
                Long.toString(c.invented), Long.toString(c.counted),
                Csv.num(c.counted == 0 ? Double.NaN : (double) c.absError / c.counted),
                Csv.num(c.counted == 0 ? Double.NaN : (double) c.signedError / c.counted)))));
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /** The objects with the highest count of {@code what}, ties by name, at most {@code n}, none at 0. */
    List<Map.Entry<String, Long>> top(String what, int n) {
        ToLongFunction<Counts> f = switch (what) {
            case "missed" -> c -> c.missed;
            case "invented" -> c -> c.invented;
            default -> c -> c.mentioned;
        };
        List<Map.Entry<String, Long>> all = new ArrayList<>();
        objects.forEach((name, c) -> {
            if (f.applyAsLong(c) > 0) {
                all.add(Map.entry(name, f.applyAsLong(c)));
            }
        });
        all.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        return all.subList(0, Math.min(n, all.size()));
    }

    /** One object's count of {@code what}: mentioned, missed or invented; 0 for an unknown object. */
    long count(String object, String what) {
        Counts c = objects.get(object);
        if (c == null) {
            return 0;
        }
        return switch (what) {
            case "missed" -> c.missed;
            case "invented" -> c.invented;
            default -> c.mentioned;
        };
    }

    int size() {
        return objects.size();
    }

    long candidatesWithDetails() {
        return candidatesWithDetails;
    }

    private static final class Counts {
        long mentioned;
        long missed;
        long invented;
        long counted;
        long absError;
        long signedError;
    }
}
