package io.scstbus.rewards.graph.rules;

import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.text.WordNet;
import java.util.Locale;

/**
 * The default scene-graph parser: OpenNLP UD tokens and POS tags, WordNet lemmas and multi-word nouns,
 * and rules for noun phrases, counts, quantifiers, attributes and relations (see {@link GraphAssembler}).
 * Output follows FACTUAL's conventions: lower case, entity heads as written ({@code storage tanks}),
 * lemmatised predicates ({@code park next to}). Models load once in the constructor (about 1 s);
 * {@link #parse} is thread-safe.
 */
public final class RulesSceneGraphParser implements SceneGraphParser {

    public static final String VERSION = "rules/1";

    private final Tagger tagger;
    private final Chunker chunker;

    public RulesSceneGraphParser() {
        this(WordNet.shared());
    }

    public RulesSceneGraphParser(WordNet wordNet) {
        this.tagger = new Tagger();
        this.chunker = new Chunker(new Lexicon(wordNet));
    }

    @Override
    public SceneGraph parse(String caption) {
        if (caption == null || caption.isBlank()) {
            return SceneGraph.EMPTY;
        }
        String[] tokens = tagger.tokenize(caption.strip().toLowerCase(Locale.ROOT));
        if (tokens.length == 0) {
            return SceneGraph.EMPTY;
        }
        String[] tags = tagger.tag(tokens);
        return GraphAssembler.assemble(chunker.chunk(tokens, tags));
    }

    @Override
    public String version() {
        return VERSION;
    }
}
