package io.scstbus.rewards.graph.remote;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.scstbus.proto.v1.ParseRequest;
import io.scstbus.proto.v1.ParseResponse;
import io.scstbus.proto.v1.SceneGraphServiceGrpc;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link SceneGraphParser} that asks a remote {@code SceneGraphService} (for example a GPU pool running
 * FACTUAL behind {@code reward-worker serve-graphs}). Each call has a deadline; failures are
 * {@link SceneGraphServiceException}s naming the target. {@link #connect} waits for the service to answer
 * (up to the connect timeout) and learns its parser version, so a wrong address fails at start.
 * Graphs travel in FACTUAL text, which has no lemmas and no vague quantities: entities come back with their
 * lemma equal to their text. Thread-safe; close it to release the channel.
 */
public final class RemoteSceneGraphParser implements SceneGraphParser, AutoCloseable {

    /**
     * Client settings.
     *
     * @param deadline       the longest one parse call may take
     * @param connectTimeout how long {@link #connect} waits for the service to answer (it may be loading)
     */
    public record Settings(Duration deadline, Duration connectTimeout) {

        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60));

        public Settings {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("scene-graph call deadline must be positive, got " + deadline);
            }
            if (connectTimeout.isNegative()) {
                throw new IllegalArgumentException("connect timeout must be >= 0, got " + connectTimeout);
            }
        }
    }

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final ManagedChannel channel;
    private final String target;
    private final Settings settings;
    private final SceneGraphServiceGrpc.SceneGraphServiceBlockingStub stub;
    private final String version;

    private RemoteSceneGraphParser(ManagedChannel channel, String target, Settings settings, String serverVersion) {
        this.channel = channel;
        this.target = target;
        this.settings = settings;
        this.stub = SceneGraphServiceGrpc.newBlockingStub(channel);
        this.version = "remote:" + serverVersion;
    }

    /** Connects to {@code target} ({@code HOST:PORT}, or any gRPC target such as {@code dns:///host:port}). */
    public static RemoteSceneGraphParser connect(String target, Settings settings) {
        Objects.requireNonNull(target, "target");
        ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
                .defaultLoadBalancingPolicy("round_robin") // spread over every address a pool's name resolves to
                .build();
        return over(channel, target, settings);
    }

    /** Uses {@code channel} (and closes it with this parser); {@code target} names it in messages. */
    public static RemoteSceneGraphParser over(ManagedChannel channel, String target, Settings settings) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(settings, "settings");
        try {
            return new RemoteSceneGraphParser(channel, target, settings, probe(channel, target, settings));
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /** An empty request, retried while the service is unreachable or loading; returns its parser version. */
    private static String probe(ManagedChannel channel, String target, Settings settings) {
        long end = System.nanoTime() + settings.connectTimeout().toNanos();
        while (true) {
            AtomicReference<Metadata> headers = new AtomicReference<>();
            AtomicReference<Metadata> trailers = new AtomicReference<>();
            long left = Math.max(end - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
            try {
                SceneGraphServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                        .withDeadlineAfter(Math.min(left, settings.deadline().toNanos()), TimeUnit.NANOSECONDS)
                        .parse(ParseRequest.getDefaultInstance());
                String version = headers.get() == null ? null : headers.get().get(SceneGraphGrpcService.VERSION_KEY);
                return version == null ? "unknown" : version;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                boolean retry = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
                if (!retry || System.nanoTime() + RETRY_PAUSE.toNanos() >= end) {
                    throw new SceneGraphServiceException(target, code, "scene-graph service at " + target
                            + " did not answer within the connect timeout of " + settings.connectTimeout().toMillis()
                            + " ms: " + describe(e.getStatus()), e);
                }
                try {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SceneGraphServiceException(target, Status.Code.CANCELLED, "interrupted while connecting "
                            + "to the scene-graph service at " + target, interrupted);
                }
            }
        }
    }

    @Override
    public SceneGraph parse(String caption) {
        if (caption == null || caption.isBlank()) {
            return SceneGraph.EMPTY;
        }
        return parseAll(List.of(caption)).get(0);
    }

    /** Parses all {@code captions} in one call; graphs in the same order. Blank captions give empty graphs. */
    public List<SceneGraph> parseAll(List<String> captions) {
        if (captions.isEmpty()) {
            return List.of();
        }
        ParseResponse response;
        try {
            response = stub.withDeadlineAfter(settings.deadline().toNanos(), TimeUnit.NANOSECONDS)
                    .parse(ParseRequest.newBuilder().addAllCaptions(captions).build());
        } catch (StatusRuntimeException e) {
            throw failure(e, captions.size());
        }
        if (response.getGraphsCount() != captions.size()) {
            throw new SceneGraphServiceException(target, Status.Code.INTERNAL, "scene-graph service at " + target
                    + " answered " + response.getGraphsCount() + " graphs for " + captions.size() + " captions", null);
        }
        List<SceneGraph> graphs = new ArrayList<>(captions.size());
        for (String text : response.getGraphsList()) {
            graphs.add(text.isBlank() ? SceneGraph.EMPTY : FactualFormat.read(text));
        }
        return graphs;
    }

    private SceneGraphServiceException failure(StatusRuntimeException e, int captions) {
        Status status = e.getStatus();
        String what = switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> "did not answer " + captions + " caption(s) within the deadline of "
                    + settings.deadline().toMillis() + " ms";
            case UNAVAILABLE -> "is unavailable";
            case INVALID_ARGUMENT -> "rejected the request";
            default -> "failed";
        };
        return new SceneGraphServiceException(target, status.getCode(),
                "scene-graph service at " + target + " " + what + ": " + describe(status), e);
    }

    private static String describe(Status status) {
        return status.getCode() + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
    }

    /** {@code remote:} and the server's parser version. */
    @Override
    public String version() {
        return version;
    }

    public String target() {
        return target;
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
