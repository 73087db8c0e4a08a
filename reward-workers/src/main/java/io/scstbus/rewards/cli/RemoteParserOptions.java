package io.scstbus.rewards.cli;

import io.scstbus.rewards.graph.remote.RemoteSceneGraphParser;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the remote backend ({@code --parser remote}): where the SceneGraphService runs, how long to wait. */
public final class RemoteParserOptions {

    @Option(names = "--graph-service", paramLabel = "HOST:PORT",
            description = "Address of a SceneGraphService ('reward-worker serve-graphs'); any gRPC target works, "
                    + "e.g. dns:///scene-graphs:50061 to spread calls over every pod of a pool. "
                    + "Required with --parser remote.")
    String target;

    @Option(names = "--graph-deadline", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "Deadline of one parse call, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration deadline = Duration.ofSeconds(10);

    @Option(names = "--graph-connect-timeout", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait at start for the service to answer, e.g. while its model loads "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = Duration.ofSeconds(60);

    /** Connects and probes the service; a missing target or an unreachable service is an IllegalStateException. */
    public RemoteSceneGraphParser connect() {
        if (target == null || target.isBlank()) {
            throw new IllegalStateException("--graph-service HOST:PORT is required with --parser remote");
        }
        return RemoteSceneGraphParser.connect(target, new RemoteSceneGraphParser.Settings(deadline, connectTimeout));
    }
}
