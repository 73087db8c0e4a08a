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

    /** Builds the chosen backend behind a parse cache; fails with a clear message if it is not available. */
    public CachingSceneGraphParser build() {
        SceneGraphParser parser = switch (backend) {
            case RULES -> new RulesSceneGraphParser();
            case FACTUAL -> throw new IllegalStateException("scene-graph backend 'factual' is not configured in "
                    + "this build (the FACTUAL ONNX backend is not part of it yet); use --parser rules");
            case REMOTE -> throw new IllegalStateException("scene-graph backend 'remote' is not configured in "
                    + "this build (the gRPC SceneGraphService client is not part of it yet); use --parser rules");
        };
        return new CachingSceneGraphParser(parser, cacheSize);
    }
}
