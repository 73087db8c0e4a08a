package io.scstbus.rewards.metrics;

import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.text.Tokenization;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads CIDEr-D document frequencies from whatever a user passes: a saved table or a caption dataset. */
public final class DocumentFrequencies {

    private DocumentFrequencies() {
    }

    /**
     * A table saved by {@link CorpusStats#save} (first line {@code #D=}) as it is; otherwise a Karpathy
     * or COCO caption file, its {@code split} tokenised by {@code tokenization}.
     */
    public static CorpusStats load(Path file, String split, Tokenization tokenization) throws IOException {
        if (isSavedTable(file)) {
            return CorpusStats.load(file);
        }
        return CorpusStats.fromDataset(CaptionDataset.read(file), split, tokenization);
    }

    private static boolean isSavedTable(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] start = new char[3];
            return reader.read(start) == 3 && new String(start).equals("#D=");
        }
    }
}
