package io.scstbus.rewards.graph.remote;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.scstbus.proto.v1.ParseRequest;
import io.scstbus.proto.v1.ParseResponse;
import io.scstbus.proto.v1.SceneGraphServiceGrpc;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import java.util.Objects;

/**
 * Serves any {@link SceneGraphParser} as the {@code SceneGraphService}: one graph per caption, same order,
 * in FACTUAL text. Bad requests (too many or too long captions) get {@code INVALID_ARGUMENT}, a parser
 * failure {@code INTERNAL}, a call before the parser is {@link #ready} {@code UNAVAILABLE}, each with a
 * description. Every response carries the parser's version in the {@value #VERSION_HEADER} header, so
 * clients can fold it into their own versions. Blank captions give the empty graph (an empty string).
 */
public final class SceneGraphGrpcService implements SceneGraphServiceGrpc.AsyncService, BindableService {

    public static final String VERSION_HEADER = "scstbus-parser-version";
    static final Metadata.Key<String> VERSION_KEY = Metadata.Key.of(VERSION_HEADER, Metadata.ASCII_STRING_MARSHALLER);

    /**
     * What one request may hold.
     *
     * @param maxCaptions     captions per request
     * @param maxCaptionChars characters per caption
     */
    public record Limits(int maxCaptions, int maxCaptionChars) {

        public static final Limits DEFAULT = new Limits(1024, 2000);

        public Limits {
            if (maxCaptions < 1) {
                throw new IllegalArgumentException("max captions per request must be >= 1, got " + maxCaptions);
            }
            if (maxCaptionChars < 1) {
                throw new IllegalArgumentException("max caption characters must be >= 1, got " + maxCaptionChars);
            }
        }
    }

    private final Limits limits;
    private volatile SceneGraphParser parser;

    public SceneGraphGrpcService(SceneGraphParser parser, Limits limits) {
        this(limits);
        ready(parser);
    }

    private SceneGraphGrpcService(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A service that answers {@code UNAVAILABLE} until {@link #ready} gives it its parser (a model loading). */
    public static SceneGraphGrpcService loading(Limits limits) {
        return new SceneGraphGrpcService(limits);
    }

    public void ready(SceneGraphParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    public boolean isReady() {
        return parser != null;
    }

    @Override
    public void parse(ParseRequest request, StreamObserver<ParseResponse> responses) {
        SceneGraphParser current = parser;
        if (current == null) {
            responses.onError(Status.UNAVAILABLE.withDescription("the scene-graph parser is still loading")
                    .asRuntimeException());
            return;
        }
        String invalid = check(request);
        if (invalid != null) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(invalid).asRuntimeException());
            return;
        }
        ParseResponse.Builder response = ParseResponse.newBuilder();
        Context context = Context.current();
        for (int i = 0; i < request.getCaptionsCount(); i++) {
            if (context.isCancelled()) {
                return; // the client gave up (deadline or cancel); nobody reads the rest
            }
            String caption = request.getCaptions(i);
            try {
                SceneGraph graph = caption.isBlank() ? SceneGraph.EMPTY : current.parse(caption.strip());
                response.addGraphs(FactualFormat.write(graph));
            } catch (RuntimeException e) {
                responses.onError(Status.INTERNAL.withDescription("parser " + current.version() + " failed on caption "
                        + i + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()).asRuntimeException());
                return;
            }
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    private String check(ParseRequest request) {
        if (request.getCaptionsCount() > limits.maxCaptions()) {
            return "request has " + request.getCaptionsCount() + " captions, limit is " + limits.maxCaptions();
        }
        for (int i = 0; i < request.getCaptionsCount(); i++) {
            int chars = request.getCaptions(i).length();
            if (chars > limits.maxCaptionChars()) {
                return "caption " + i + " has " + chars + " characters, limit is " + limits.maxCaptionChars();
            }
        }
        return null;
    }

    /** The service with the version header on every response. */
    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(SceneGraphServiceGrpc.bindService(this), new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return next.startCall(new SimpleForwardingServerCall<>(call) {
                    @Override
                    public void sendHeaders(Metadata responseHeaders) {
                        SceneGraphParser current = parser;
                        responseHeaders.put(VERSION_KEY, current == null ? "loading" : current.version());
                        super.sendHeaders(responseHeaders);
                    }
                }, headers);
            }
        });
    }
}
