package io.scstbus.rewards.metrics;

import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.text.NGramCounter;
import io.scstbus.rewards.text.NGramVocabulary;
import io.scstbus.rewards.text.NGrams;
import io.scstbus.rewards.text.Tokenization;
import io.scstbus.rewards.text.WhitespaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Document frequencies for CIDEr-D, fixed once (self-critical.pytorch {@code prepro_ngrams.py}): one
 * document = one image with all its reference sentences; df(g) = number of images whose sentences
 * contain the 1..4-gram g; D = number of images, ref length = ln D. Immutable and thread-safe.
 *
 * <p>Saved as the TSV of {@code testdata/metrics/rsicd_train_df.tsv}: line 1 {@code #D=<documents>},
 * then {@code <n-gram tokens joined by one space>\t<df>} sorted by (n, tokens). The tokenisation the
 * table was built with is not recorded: score in the same mode.
 */
public final class CorpusStats {

    private final NGramVocabulary vocabulary;
    private final int[] documentFrequency;
    private final int documents;
    private final CiderKernel kernel;
    private String fingerprint;

    CorpusStats(NGramVocabulary vocabulary, int[] documentFrequency, int documents) {
        if (documents < 1) {
            throw new IllegalArgumentException("document frequencies need at least one document, got " + documents);
        }
        if (documentFrequency.length != vocabulary.size()) {
            throw new IllegalArgumentException(documentFrequency.length + " frequencies for "
                    + vocabulary.size() + " n-grams");
        }
        this.vocabulary = vocabulary;
        this.documentFrequency = documentFrequency;
        this.documents = documents;
        this.kernel = CiderKernel.of(documentFrequency, documents);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * From the images of {@code split} in a caption dataset (see {@link CaptionDataset#images(String)}),
     * every caption through {@code tokenization}.
     */
    public static CorpusStats fromDataset(CaptionDataset dataset, String split, Tokenization tokenization) {
        Builder builder = builder();
        for (ImageEntry image : dataset.images(split)) {
            List<List<String>> sentences = new ArrayList<>(image.captions().size());
            for (String caption : image.captions()) {
                sentences.add(WhitespaceTokenizer.split(tokenization.apply(caption)));
            }
            builder.addDocument(sentences);
        }
        if (builder.documents == 0) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' has no images in split '"
                    + split + "'");
        }
        return builder.build();
    }

    /** Reads a table written by {@link #save}; errors name the line. */
    public static CorpusStats load(Path file) throws IOException {
        return CorpusStatsFile.read(file);
    }

    public void save(Path file) throws IOException {
        CorpusStatsFile.write(this, file);
    }

    /** Number of documents (images), D. */
    public int documents() {
        return documents;
    }

    /** ln D, the idf of an n-gram no document contains ({@code ref_len} in the Python code). */
    public double refLength() {
        return Math.log(documents);
    }

    /** Number of documents containing {@code ngram} (1..4 tokens); 0 if none. */
    public int documentFrequency(List<String> ngram) {
        int id = vocabulary.find(ngram);
        return id < 0 ? 0 : documentFrequency[id];
    }

    /** Number of distinct n-grams of {@code order} with a non-zero document frequency. */
    public int distinctNGrams(int order) {
        int distinct = 0;
        for (int id = 0; id < documentFrequency.length; id++) {
            if (vocabulary.order(id) == order && documentFrequency[id] > 0) {
                distinct++;
            }
        }
        return distinct;
    }

    /** A short content hash (D and every n-gram with its df), for scorer versions and logs. */
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            fingerprint = CorpusStatsFile.fingerprint(this);
        }
        return fingerprint;
    }

    public NGramVocabulary vocabulary() {
        return vocabulary;
    }

    int documentFrequencyOf(int id) {
        return documentFrequency[id];
    }

    CiderKernel kernel() {
        return kernel;
    }

    @Override
    public String toString() {
        return "CorpusStats{documents=" + documents + ", ngrams=" + vocabulary.size() + "}";
    }

    /** Adds documents one at a time. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {

        private final NGramCounter counter = new NGramCounter();
        private int[] documentFrequency = new int[1024];
        private int[] lastDocument = new int[1024];
        private int documents;

        private Builder() {
        }

        /** One image: the token lists of all its reference sentences. */
        public Builder addDocument(List<List<String>> sentences) {
            documents++;
            for (List<String> sentence : sentences) {
                NGrams grams = counter.count(sentence);
                ensureCapacity(counter.size());
                for (int k = 1; k <= NGrams.MAX_ORDER; k++) {
                    for (int i = 0; i < grams.distinct(k); i++) {
                        int id = grams.id(k, i);
                        if (lastDocument[id] != documents) {
                            lastDocument[id] = documents;
                            documentFrequency[id]++;
                        }
                    }
                }
            }
            return this;
        }

        /** Sets the frequency of one n-gram directly, as when reading a saved table. */
        Builder put(List<String> ngram, int frequency) {
            int id = counter.intern(ngram);
            ensureCapacity(counter.size());
            documentFrequency[id] = frequency;
            return this;
        }

        Builder documents(int count) {
            this.documents = count;
            return this;
        }

        private void ensureCapacity(int size) {
            if (size > documentFrequency.length) {
                int capacity = Math.max(size, documentFrequency.length * 2);
                documentFrequency = Arrays.copyOf(documentFrequency, capacity);
                lastDocument = Arrays.copyOf(lastDocument, capacity);
            }
        }

        public CorpusStats build() {
            NGramVocabulary vocabulary = counter.freeze();
            return new CorpusStats(vocabulary, Arrays.copyOf(documentFrequency, vocabulary.size()), documents);
        }
    }
}
