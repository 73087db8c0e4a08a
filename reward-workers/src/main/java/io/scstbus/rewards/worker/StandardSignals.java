package io.scstbus.rewards.worker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.rewards.graph.CachingSceneGraphParser;
import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.signals.Bleu4Signal;
import io.scstbus.rewards.signals.CiderDSignal;
import io.scstbus.rewards.signals.LengthSignal;
import io.scstbus.rewards.signals.ObjectSignals;
import io.scstbus.rewards.signals.ReferenceTokens;
import io.scstbus.rewards.signals.RepetitionSignal;
import io.scstbus.rewards.signals.RougeLSignal;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.rewards.signals.VocabKlSignal;
import io.scstbus.rewards.text.PtbTokenizer;
import io.scstbus.rewards.text.Tokenizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The composition root of the signals: which contract names exist, and how each is built from the
 * shared resources. A worker builds only the signals its group serves; expensive resources (the
 * scene-graph parser, corpus statistics) are created only when a signal that needs them is asked for.
 */
public final class StandardSignals {

    /**
     * Every signal name of the contract, whichever group serves it. A requested name outside this list is
     * answered INVALID by the group that answers for unknown names (run {@code --answer-unknown}).
     */
    public static final List<String> CONTRACT = List.of("cider_d", "length", "bleu_4", "rouge_l", "sde",
            "count_abs", "count_signed", "count_coverage", "oversight", "hallucination", "vocab_kl", "repetition");

    /** The signals that need the scene-graph parser. */
    public static final List<String> OBJECT_SIGNALS = List.of("sde", "count_abs", "count_signed", "count_coverage",
            "oversight", "hallucination");

    /** Default of {@code --vocab-kl-window}: tokens in a run's rolling vocab_kl window. */
    public static final int DEFAULT_VOCAB_KL_WINDOW = 10_000;

    private final Map<String, Supplier<Signal>> factories = new LinkedHashMap<>();
    private volatile SceneGraphParser parser;
    private final ReferenceTokens tokens;
    private List<Signal> builtObjectSignals;

    /** Signals without CIDEr-D (no corpus statistics), with the default rules parser. */
    public StandardSignals() {
        this(null, null);
    }

    /**
     * @param corpusStats document frequencies of the dataset's training references, or null: then
     *                    {@code cider_d} takes them from the training references on the references topic
     *                    (Kafka worker only, see TopicCiderD)
     * @param parser      scene-graph parser for the object signals, or null for the cached rules parser
     */
    public StandardSignals(CorpusStats corpusStats, SceneGraphParser parser) {
        this(corpusStats, parser, DEFAULT_VOCAB_KL_WINDOW);
    }

    /**
     * @param vocabKlWindow how many recent generated tokens of a run form vocab_kl's rolling distribution
     */
    public StandardSignals(CorpusStats corpusStats, SceneGraphParser parser, int vocabKlWindow) {
        if (vocabKlWindow < 1) {
            throw new IllegalArgumentException("vocab-kl-window must be >= 1 token, got " + vocabKlWindow);
        }
        Tokenizer tokenizer = new PtbTokenizer();
        // One token cache for the text metrics: each image's references are tokenised once, not per call.
        this.tokens = new ReferenceTokens(tokenizer);
        this.parser = parser;
        factories.put(CiderDSignal.NAME, corpusStats != null ? () -> new CiderDSignal(corpusStats, tokens)
                : () -> new TopicCiderD(tokens));
        factories.put(LengthSignal.NAME, () -> new LengthSignal(tokens));
        factories.put("bleu_4", () -> new Bleu4Signal(tokens));
        factories.put("rouge_l", () -> new RougeLSignal(tokens));
        factories.put(RepetitionSignal.NAME, () -> new RepetitionSignal(tokens));
        factories.put(VocabKlSignal.NAME, () -> new VocabKlSignal(tokenizer, vocabKlWindow));
        for (String name : OBJECT_SIGNALS) {
            factories.put(name, () -> objectSignal(name));
        }
    }

    private synchronized Signal objectSignal(String name) {
        if (builtObjectSignals == null) {
            if (parser == null) {
                parser = new CachingSceneGraphParser(new RulesSceneGraphParser(), 100_000);
            }
            builtObjectSignals = ObjectSignals.all(parser);
        }
        return builtObjectSignals.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("object signal " + name + " missing from ObjectSignals"));
    }

    /**
     * Exposes the caches' hits and misses on {@code registry}: {@code scstbus.cache.hits} and
     * {@code scstbus.cache.misses}, tagged {@code cache=reference_tokens} (tokenised references and
     * candidates of the text metrics) and {@code cache=scene_graphs} (parsed captions, when the parser
     * caches), so a dashboard can plot hit rates.
     */
    public void bindCacheMetrics(MeterRegistry registry, String group) {
        bind(registry, group, "reference_tokens", () -> tokens.stats().hits(), () -> tokens.stats().misses());
        bind(registry, group, "scene_graphs", () -> parserStats().hits(), () -> parserStats().misses());
    }

    private static void bind(MeterRegistry registry, String group, String cache, LongSupplier hits, LongSupplier misses) {
        FunctionCounter.builder("scstbus.cache.hits", hits, LongSupplier::getAsLong).tag("group", group)
                .tag("cache", cache).description("lookups answered from the cache").register(registry);
        FunctionCounter.builder("scstbus.cache.misses", misses, LongSupplier::getAsLong).tag("group", group)
                .tag("cache", cache).description("lookups that had to compute").register(registry);
    }

    private CachingSceneGraphParser.Stats parserStats() {
        return parser instanceof CachingSceneGraphParser caching ? caching.stats()
                : new CachingSceneGraphParser.Stats(0, 0, 0, 0);
    }

    /** Document frequencies from the training-split references of a dataset (self-critical style, fixed). */
    public static CorpusStats corpusStats(Collection<ImageReferences> references) {
        Tokenizer tokenizer = new PtbTokenizer();
        CorpusStats.Builder builder = CorpusStats.builder();
        for (ImageReferences refs : references) {
            if (refs.getSplit().isEmpty() || refs.getSplit().equals("train")) {
                builder.addDocument(refs.getCaptionsList().stream().map(tokenizer::tokenize).toList());
            }
        }
        return builder.build();
    }

    /** Whether any of {@code names} needs the scene-graph parser (so a costly backend is loaded only then). */
    public static boolean needsParser(List<String> names) {
        return names.stream().anyMatch(OBJECT_SIGNALS::contains);
    }

    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** Builds the named signals; fails naming the first unknown one and listing the known ones. */
    public SignalRegistry create(List<String> names) {
        List<Signal> signals = new ArrayList<>();
        for (String name : names) {
            Supplier<Signal> factory = factories.get(name);
            if (factory == null) {
                throw new IllegalArgumentException("unknown signal '" + name + "'; known signals: " + names());
            }
            signals.add(factory.get());
        }
        return new SignalRegistry(signals);
    }

    public SignalRegistry createAll() {
        return create(names());
    }
}
