package io.scstbus.rewards.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scstbus.rewards.graph.CachingSceneGraphParser;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.graph.remote.SceneGraphGrpcService;
import io.scstbus.rewards.worker.GrpcServerLimits;
import io.scstbus.rewards.worker.WorkerEndpoints;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reward-worker serve-graphs}: the scene-graph pool process. Serves a parser (FACTUAL on a GPU) as
 * the gRPC SceneGraphService, for reward workers started with {@code --parser remote}. The port and the
 * health service come up at once, NOT_SERVING; the model loads and is checked, then health turns SERVING.
 * SIGTERM: health NOT_SERVING, running calls finish (up to 30 s), exit.
 */
@Command(name = "serve-graphs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Serves scene-graph parsing over gRPC (scstbus.v1.SceneGraphService, plus grpc.health.v1),",
            "so one GPU pool running FACTUAL can serve many CPU reward workers (--parser remote there).",
            "Health is NOT_SERVING until the model has loaded and passed its checks. Stops cleanly on SIGTERM."})
public final class ServeGraphsCommand implements Callable<Integer> {

    /** Backends this command can serve. */
    public enum Backend {
        factual
    }

    @Option(names = "--parser", defaultValue = "factual", paramLabel = "BACKEND",
            description = "Scene-graph backend to serve: ${COMPLETION-CANDIDATES} (the FACTUAL Flan-T5 model, "
                    + "see --factual-model). Default: ${DEFAULT-VALUE}.")
    Backend backend = Backend.factual;

    @Mixin
    GrpcServerOptions grpc = new GrpcServerOptions();

    @Mixin
    FactualModelOptions factual = new FactualModelOptions();

    @Option(names = "--port", defaultValue = "50061",
            description = "Port of the SceneGraphService and the standard gRPC health service "
                    + "(default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port = 50061;

    @Option(names = "--metrics-port", defaultValue = "-1",
            description = "Port of the Prometheus endpoint /metrics: parse latency, cache hits and misses "
                    + "(default: ${DEFAULT-VALUE}, disabled).")
    int metricsPort = -1;

    @Option(names = "--threads", paramLabel = "N",
            description = "Requests handled at once (default: the number of cores). Each runs its own beam "
                    + "search; on one GPU a few are enough to keep it busy.")
    Integer threads;

    @Option(names = "--cache-size", defaultValue = "100000", paramLabel = "N",
            description = "Distinct captions whose graphs are kept, so a caption any worker asked for before "
                    + "is answered without the model (default: ${DEFAULT-VALUE}).")
    int cacheSize = 100_000;

    @Option(names = "--max-batch", defaultValue = "1024", paramLabel = "N",
            description = "Most captions in one request; more is INVALID_ARGUMENT (default: ${DEFAULT-VALUE}).")
    int maxBatch = 1024;

    @Option(names = "--max-caption-chars", defaultValue = "2000", paramLabel = "N",
            description = "Longest caption in characters; longer is INVALID_ARGUMENT (default: ${DEFAULT-VALUE}).")
    int maxCaptionChars = 2000;

    private final PrintStream out;
    private final PrintStream err;

    public ServeGraphsCommand() {
        this(System.out, System.err);
    }

    public ServeGraphsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        Server server;
        try {
            server = open();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("serve-graphs: " + e.getMessage());
            return 2;
        }
        Thread hook = new Thread(server::close, "serve-graphs-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("serve-graphs listening on port " + server.port() + ", loading the " + backend + " parser");
        out.flush();
        try {
            server.load();
        } catch (IllegalStateException e) {
            err.println("serve-graphs: " + e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            return 2;
        }
        out.println("serve-graphs ready on port " + server.port() + ": " + server.version());
        out.flush();
        server.awaitClosed();
        return 0;
    }

    /** Starts the gRPC server (health NOT_SERVING, the service UNAVAILABLE) without loading the model. */
    Server open() {
        SceneGraphGrpcService.Limits limits = new SceneGraphGrpcService.Limits(maxBatch, maxCaptionChars);
        if (cacheSize < 1) {
            throw new IllegalArgumentException("--cache-size must be >= 1, got " + cacheSize);
        }
        int handlers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (handlers < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + handlers);
        }
        return new Server(limits, handlers, grpc.limits());
    }

    /** One running scene-graph server; {@link #close} is idempotent. */
    final class Server implements AutoCloseable {

        private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        private final SceneGraphGrpcService service;
        private final ExecutorService executor;
        private final WorkerEndpoints endpoints;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final AtomicBoolean closing = new AtomicBoolean();
        private volatile SceneGraphParser model;

        private Server(SceneGraphGrpcService.Limits limits, int handlers, GrpcServerLimits grpcLimits) {
            service = SceneGraphGrpcService.loading(limits);
            AtomicInteger ids = new AtomicInteger();
            executor = Executors.newFixedThreadPool(handlers, r -> {
                Thread t = new Thread(r, "serve-graphs-" + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                endpoints = new WorkerEndpoints(grpcLimits.builder(port).executor(executor), registry, metricsPort,
                        service).start();
            } catch (RuntimeException e) {
                executor.shutdownNow();
                throw e;
            }
        }

        /** Loads and checks the model, then serves it; health turns SERVING. */
        void load() {
            SceneGraphParser loaded = switch (backend) {
                case factual -> factual.load();
            };
            model = loaded;
            Timer parseTime = Timer.builder("scstbus.graphs.parse").tag("parser", backend.name())
                    .description("time to parse one caption with the model (cache misses only)").register(registry);
            SceneGraphParser timed = new SceneGraphParser() {
                @Override
                public SceneGraph parse(String caption) {
                    return parseTime.record(() -> loaded.parse(caption));
                }

                @Override
                public String version() {
                    return loaded.version();
                }
            };
            CachingSceneGraphParser cache = new CachingSceneGraphParser(timed, cacheSize);
            FunctionCounter.builder("scstbus.graphs.cache.hits", cache, c -> c.stats().hits())
                    .description("captions answered from the cache").register(registry);
            FunctionCounter.builder("scstbus.graphs.cache.misses", cache, c -> c.stats().misses())
                    .description("captions parsed by the model").register(registry);
            Gauge.builder("scstbus.graphs.cache.size", cache, c -> c.stats().size())
                    .description("graphs in the cache").register(registry);
            service.ready(cache);
            endpoints.serving(true);
        }

        int port() {
            return endpoints.grpcPort();
        }

        int metricsPort() {
            return endpoints.metricsPort();
        }

        String version() {
            SceneGraphParser current = model;
            return current == null ? "loading" : current.version();
        }

        void awaitClosed() throws InterruptedException {
            closed.await();
        }

        @Override
        public void close() {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            try {
                endpoints.serving(false);
                endpoints.close();
                executor.shutdown();
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
                if (model instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                err.println("serve-graphs: error while closing the parser: " + e.getMessage());
            } finally {
                out.println("serve-graphs stopped");
                out.flush();
                closed.countDown();
            }
        }
    }
}
