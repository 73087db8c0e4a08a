package io.scstbus.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.text.Tokenization;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class CorpusStatsTest {

    @TempDir
    Path dir;

    private static List<String> words(String text) {
        return WhitespaceTokenizer.split(text);
    }

    private static CorpusStats small() {
        return CorpusStats.builder()
                .addDocument(List.of(words("a river flows"), words("a river bends")))
                .addDocument(List.of(words("a road")))
                .addDocument(List.of(words("#q caf\u00e9 m \u00b2 \u6a5f\u5834")))
                .build();
    }

    @Test
    void countsDocumentsNotSentences() {
        CorpusStats stats = small();
        assertEquals(3, stats.documents());
        assertEquals(Math.log(3), stats.refLength());
        assertEquals(2, stats.documentFrequency(List.of("a")));
        assertEquals(1, stats.documentFrequency(List.of("a", "river")));
        assertEquals(0, stats.documentFrequency(List.of("a", "lake")));
    }

    @Test
    void saveThenLoadGivesTheSameTable() throws IOException {
        CorpusStats stats = small();
        Path file = dir.resolve("df.tsv");
        stats.save(file);
        CorpusStats loaded = CorpusStats.load(file);
        Path again = dir.resolve("again.tsv");
        loaded.save(again);

        assertEquals(stats.documents(), loaded.documents());
        assertEquals(1, loaded.documentFrequency(List.of("river", "bends")));
        assertEquals(stats.fingerprint(), loaded.fingerprint());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
        assertEquals("#D=3", Files.readAllLines(file).get(0));
        assertEquals("#q\t1", Files.readAllLines(file).get(1), "an n-gram starting with # is data, not a header");
    }

    @Test
    void loadsTheSharedRsicdTable() throws IOException {
        CorpusStats stats = CorpusStats.load(TestData.data("metrics/rsicd_train_df.tsv"));
        assertEquals(8734, stats.documents());
        assertArrayEquals(new int[] {2388, 15992, 35728, 50310}, distinctByOrder(stats));
    }

    @Test
    void buildsTheSharedRsicdTableFromTheDatasetByteForByte() throws IOException {
        CaptionDataset rsicd = CaptionDataset.read(TestData.data("rsicd/rsicd_5caps.json"));
        CorpusStats stats = CorpusStats.fromDataset(rsicd, "train", Tokenization.PTB);
        Path file = dir.resolve("rsicd.tsv");
        stats.save(file);

        assertEquals(Files.readString(TestData.data("metrics/rsicd_train_df.tsv")), Files.readString(file));
    }

    @Test
    void rebuildsTheVectorTrainTablesDescribedInTheirMetadata() {
        JsonNode tables = MetricVectors.root().get("meta").get("train_df");
        for (String name : List.of("rsicd-train-ptb", "rsicd-train-ptb-eos", "rsicd-train-raw", "rsicd-train-raw-eos")) {
            JsonNode meta = tables.get(name);
            Tokenization mode = name.contains("ptb") ? Tokenization.PTB : Tokenization.NONE;
            CorpusStats stats = MetricVectors.trainDf(mode, name.endsWith("eos"));
            assertEquals(meta.get("num_documents").asInt(), stats.documents(), name);
            assertEquals(meta.get("ref_len_log").asDouble(), stats.refLength(), 1e-15, name);
            for (int k = 1; k <= 4; k++) {
                assertEquals(meta.get("distinct_ngrams_by_order").get(String.valueOf(k)).asInt(),
                        stats.distinctNGrams(k), name + " order " + k);
            }
            meta.get("sample_df").properties().forEach(entry -> assertEquals(entry.getValue().asInt(),
                    stats.documentFrequency(words(entry.getKey())), name + " '" + entry.getKey() + "'"));
        }
    }

    @Test
    void buildsFromUcmTrainSplit() throws IOException {
        CaptionDataset ucm = CaptionDataset.read(TestData.data("ucm/dataset.json"));
        assertEquals(1680, CorpusStats.fromDataset(ucm, "train", Tokenization.PTB).documents());
    }

    @Test
    void rejectsAnEmptySplit() throws IOException {
        CaptionDataset ucm = CaptionDataset.read(TestData.data("ucm/dataset.json"));
        assertThrows(IllegalArgumentException.class, () -> CorpusStats.fromDataset(ucm, "restval", Tokenization.NONE));
    }

    @Test
    void loadErrorNamesTheLine() throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "#D=3\na\t1\na river\tmany\n");
        IOException error = assertThrows(IOException.class, () -> CorpusStats.load(file));
        assertTrue(error.getMessage().contains(":3:"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a  river", " a", "a ", "a b c d e", " "})
    void loadRejectsWhatIsNotA1To4GramOfSingleSpacedTokens(String ngram) throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "#D=3\na b c d\t1\n" + ngram + "\t2\n");
        IOException error = assertThrows(IOException.class, () -> CorpusStats.load(file));
        assertTrue(error.getMessage().contains(":3: not a 1..4-gram of single-space separated tokens: '" + ngram + "'"),
                error.getMessage());
    }

    @Test
    void loadRejectsAFrequencyAboveTheDocumentCount() throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "#D=3\na\t4\n");
        assertThrows(IOException.class, () -> CorpusStats.load(file));
    }

    private static int[] distinctByOrder(CorpusStats stats) {
        int[] distinct = new int[4];
        for (int k = 1; k <= 4; k++) {
            distinct[k - 1] = stats.distinctNGrams(k);
        }
        return distinct;
    }
}
