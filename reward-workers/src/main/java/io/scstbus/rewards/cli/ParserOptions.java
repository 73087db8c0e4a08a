package io.scstbus.rewards.cli;

import io.scstbus.rewards.graph.CachingSceneGraphParser;
import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code --parser} and {@code --cache-size} options shared by the commands that parse captions. */
public final class ParserOptions {

    /** Scene-graph backends, by the name used on the command line. */
    public enum Backend {
        RULES, FACTUAL, REMOTE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final class BackendConverter implements ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            for (Backend backend : Backend.values()) {
                if (backend.toString().equals(value.toLowerCase(Locale.ROOT))) {
                    return backend;
                }
            }
            throw new IllegalArgumentException("unknown parser '" + value + "'; choose rules, factual or remote");
        }
    }

    @Option(names = "--parser", defaultValue = "rules", converter = BackendConverter.class,
            description = "Scene-graph backend: rules (default; OpenNLP + WordNet rules on the CPU), "
                    + "factual (the FACTUAL Flan-T5 model), remote (a SceneGraphService over gRPC).")
    Backend backend = Backend.RULES;

    @Option(names = "--cache-size", defaultValue = "100000",
            description = "Distinct captions whose graphs are kept, so a repeated caption is parsed once "
                    + "(default: ${DEFAULT-VALUE}).")
    int cacheSize = 100_000;

    public Backend backend() {
        return backend;
    }

    /** Sets the backend by its command-line name (rules, factual, remote); for configuration files. */
    public void backend(String name) {
        backend = new BackendConverter().convert(name);
    }

    /**
     * Builds the chosen backend behind a parse cache. The FACTUAL model is loaded and checked, the remote
     * service probed, now; a missing option or an unusable backend is an IllegalStateException naming it.
     * Close the backend with {@link #close()} when done.
     */
    public CachingSceneGraphParser build(FactualModelOptions factual, RemoteParserOptions remote) {
        SceneGraphParser parser = switch (backend) {
            case RULES -> new RulesSceneGraphParser();
            case FACTUAL -> factual.load();
            case REMOTE -> remote.connect();
        };
        opened = parser instanceof AutoCloseable closeable ? closeable : null;
        return new CachingSceneGraphParser(parser, cacheSize);
    }

    /** Releases the backend's native session or channel, if it holds one. */
    public void close() {
        if (opened == null) {
            return;
        }
        try {
            opened.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the " + backend + " scene-graph backend: " + e.getMessage(), e);
        } finally {
            opened = null;
        }
    }

    private AutoCloseable opened;
}
