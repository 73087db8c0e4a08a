package io.scstbus.rewards.signals;

import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.text.WordNet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hand-labelled RSICD counting sample ({@code testdata/rsicd/counting-sample.tsv}) and how a parser
 * does on it, measured on the objects the count signals see ({@link ObjectAlignment}: entity lemmas, no
 * non-objects, duplicates merged). A label is {@code lemma} or {@code lemma=N}, separated by {@code "; "}.
 *
 * <p>Object F1: micro over captions, a predicted object is right when its lemma equals a labelled one.
 * Count accuracy: over the labelled objects the parser found, the share whose count (a number, or none)
 * equals the label's. {@code counted accuracy}: the same over the labelled objects that have a number.
 */
final class CountingSample {

    record Row(String sentid, String image, String stratum, String caption, Map<String, Integer> objects) {
    }

    record Score(int captions, int truePositive, int predicted, int labelled, int countRight, int countFound,
                 int countedRight, int counted, List<String> disagreements) {

        double precision() {
            return predicted == 0 ? 1.0 : (double) truePositive / predicted;
        }

        double recall() {
            return labelled == 0 ? 1.0 : (double) truePositive / labelled;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        double countAccuracy() {
            return countFound == 0 ? 1.0 : (double) countRight / countFound;
        }

        double countedAccuracy() {
            return counted == 0 ? 1.0 : (double) countedRight / counted;
        }

        String describe() {
            return String.format(Locale.ROOT, "%d captions: object P %.4f R %.4f F1 %.4f (%d/%d/%d); count accuracy %.4f"
                            + " (%d/%d); stated numbers right %.4f (%d/%d)", captions, precision(), recall(), f1(),
                    truePositive, predicted, labelled, countAccuracy(), countRight, countFound, countedAccuracy(),
                    countedRight, counted);
        }
    }

    private CountingSample() {
    }

    static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("sentid\timage\tstratum\tcaption\tobjects")) {
            throw new IOException(file + ": header must be sentid, image, stratum, caption, objects (tab-separated)");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length != 5) {
                throw new IOException(file + " line " + (i + 1) + ": expected 5 tab-separated cells, got " + cells.length);
            }
            rows.add(new Row(cells[0], cells[1], cells[2], cells[3], labels(cells[4], file, i + 1)));
        }
        return rows;
    }

    static Map<String, Integer> labels(String cell, Path file, int line) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : cell.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            try {
                out.put(eq < 0 ? p : p.substring(0, eq).strip(), eq < 0 ? null : Integer.valueOf(p.substring(eq + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + line + ": bad object label '" + p + "' (lemma or lemma=N)", e);
            }
        }
        return out;
    }

    static String format(Map<String, Integer> objects) {
        List<String> parts = new ArrayList<>();
        objects.forEach((k, v) -> parts.add(v == null ? k : k + "=" + v));
        return String.join("; ", parts);
    }

    /** The objects and counts the count signals take from {@code caption}. */
    static Map<String, Integer> predicted(ObjectAlignment alignment, String caption) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ObjectAlignment.ObjectCount o : alignment.align(caption, ReferenceContext.of("rsicd", "sample", List.of()))
                .candidate()) {
            out.put(o.lemma(), o.count());
        }
        return out;
    }

    static ObjectAlignment alignment(SceneGraphParser parser) {
        return new ObjectAlignment(parser, new ObjectMatcher(WordNet.shared()));
    }

    static Score score(List<Row> rows, ObjectAlignment alignment) {
        int tp = 0;
        int predicted = 0;
        int labelled = 0;
        int countRight = 0;
        int countFound = 0;
        int countedRight = 0;
        int counted = 0;
        List<String> disagreements = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Integer> got = predicted(alignment, row.caption());
            predicted += got.size();
            labelled += row.objects().size();
            boolean same = got.equals(row.objects());
            for (Map.Entry<String, Integer> gold : row.objects().entrySet()) {
                if (gold.getValue() != null) {
                    counted++;
                }
                if (!got.containsKey(gold.getKey())) {
                    continue;
                }
                tp++;
                countFound++;
                boolean right = java.util.Objects.equals(got.get(gold.getKey()), gold.getValue());
                if (right) {
                    countRight++;
                    if (gold.getValue() != null) {
                        countedRight++;
                    }
                }
            }
            if (!same) {
                disagreements.add(row.sentid() + "\t" + row.caption() + "\n    label:  " + format(row.objects())
                        + "\n    parser: " + format(got));
            }
        }
        return new Score(rows.size(), tp, predicted, labelled, countRight, countFound, countedRight, counted, disagreements);
    }
}
