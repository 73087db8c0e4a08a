package io.scstbus.rewards.metrics;

import io.scstbus.rewards.text.NGramVocabulary;
import io.scstbus.rewards.text.NGrams;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** The document-frequency table's file format (see {@link CorpusStats}). */
final class CorpusStatsFile {

    private static final String HEADER = "#D=";

    private CorpusStatsFile() {
    }

    static CorpusStats read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.startsWith(HEADER)) {
                throw new IOException(file + ":1: expected '" + HEADER + "<documents>', got "
                        + (header == null ? "an empty file" : "'" + header + "'"));
            }
            int documents = parseCount(header.substring(HEADER.length()), file, 1);
            if (documents < 1) {
                throw new IOException(file + ":1: document count must be >= 1, got " + documents);
            }
            CorpusStats.Builder builder = CorpusStats.builder().documents(documents);
            // a table has about 100,000 lines: each n-gram's tokens go into one reused array
            String[] tokens = new String[NGrams.MAX_ORDER];
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int tab = line.lastIndexOf('\t');
                if (tab <= 0) {
                    throw new IOException(file + ":" + lineNumber + ": expected '<n-gram>\\t<df>', got '" + line + "'");
                }
                int order = splitTokens(line, tab, tokens);
                if (order < 0) {
                    throw new IOException(file + ":" + lineNumber
                            + ": not a 1..4-gram of single-space separated tokens: '"
                            + line.substring(0, tab) + "'");
                }
                List<String> ngram = Arrays.asList(tokens).subList(0, order);
                int frequency = parseCount(line.substring(tab + 1), file, lineNumber);
                if (frequency < 1 || frequency > documents) {
                    throw new IOException(file + ":" + lineNumber + ": df must be in 1.." + documents
                            + ", got " + frequency);
                }
                builder.put(ngram, frequency);
            }
            return builder.build();
        }
    }

    /**
     * Splits {@code line[0, end)} on single spaces into {@code tokens}; the number of tokens, or -1 when
     * a token is empty or there are more than {@code tokens.length}.
     */
    private static int splitTokens(String line, int end, String[] tokens) {
        int order = 0;
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || line.charAt(i) == ' ') {
                if (i == start || order == tokens.length) {
                    return -1;
                }
                tokens[order++] = line.substring(start, i);
                start = i + 1;
            }
        }
        return order;
    }

    private static int parseCount(String text, Path file, int line) throws IOException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + line + ": not a whole number: '" + text + "'", e);
        }
    }

    static void write(CorpusStats stats, Path file) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeTo(stats, writer);
        }
    }

    private static void writeTo(CorpusStats stats, Writer writer) throws IOException {
        writer.write(HEADER + stats.documents() + "\n");
        for (Entry entry : sortedEntries(stats)) {
            writer.write(String.join(" ", entry.tokens()) + "\t" + entry.frequency() + "\n");
        }
    }

    static String fingerprint(CorpusStats stats) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((HEADER + stats.documents() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Entry entry : sortedEntries(stats)) {
                digest.update((String.join(" ", entry.tokens()) + "\t" + entry.frequency() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(), 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Entry(List<String> tokens, int frequency) {
    }

    /** Entries with df > 0, by (order, tokens) in code-point order, as the Python tables are sorted. */
    private static List<Entry> sortedEntries(CorpusStats stats) {
        NGramVocabulary vocabulary = stats.vocabulary();
        List<Entry> entries = new ArrayList<>(vocabulary.size());
        for (int id = 0; id < vocabulary.size(); id++) {
            int frequency = stats.documentFrequencyOf(id);
            if (frequency > 0) {
                entries.add(new Entry(vocabulary.tokens(id), frequency));
            }
        }
        Comparator<Entry> byOrder = Comparator.comparingInt(entry -> entry.tokens().size());
        entries.sort(byOrder.thenComparing(Entry::tokens, CorpusStatsFile::compareTokens));
        return entries;
    }

    private static int compareTokens(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareCodePoints(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
