package io.scstbus.rewards.graph.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * OpenNLP's English UD-EWT tokenizer and POS tagger (universal tags: NOUN, VERB, ADJ, ADP, ...). The
 * models are read once from the classpath; the ME wrappers are not thread-safe, so each thread gets
 * its own (they are light: the models are shared).
 */
final class Tagger {

    static final String TOKENIZER_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private final ThreadLocal<TokenizerME> tokenizers;
    private final ThreadLocal<POSTaggerME> taggers;

    Tagger() {
        TokenizerModel tokenizerModel;
        POSModel posModel;
        try (InputStream tokens = open(TOKENIZER_MODEL, "opennlp-models-tokenizer-en");
             InputStream pos = open(POS_MODEL, "opennlp-models-pos-en")) {
            tokenizerModel = new TokenizerModel(tokens);
            posModel = new POSModel(pos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenNLP models", e);
        }
        this.tokenizers = ThreadLocal.withInitial(() -> new TokenizerME(tokenizerModel));
        this.taggers = ThreadLocal.withInitial(() -> new POSTaggerME(posModel, POSTagFormat.UD));
    }

    String[] tokenize(String text) {
        return tokenizers.get().tokenize(text);
    }

    String[] tag(String[] tokens) {
        return taggers.get().tag(tokens);
    }

    private static InputStream open(String resource, String artifact) {
        InputStream in = Tagger.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("OpenNLP model " + resource + " not on the classpath; it comes from "
                    + "org.apache.opennlp:" + artifact + ":1.3.0");
        }
        return in;
    }

}
