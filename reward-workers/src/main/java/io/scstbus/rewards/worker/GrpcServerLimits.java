package io.scstbus.rewards.worker;

import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.Context;
import io.grpc.Contexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a gRPC server of this project accepts from a client: messages up to {@code maxMessageBytes},
 * calls up to {@code maxCallTime} (a client's shorter deadline applies as gRPC does; a longer or absent
 * one is cut to this, the call ends DEADLINE_EXCEEDED and its handler sees its context cancelled),
 * 10 s to finish the handshake, and TLS when a PEM certificate chain and PKCS#8 key are given
 * ({@code bin/broker --secure DIR} writes {@code DIR/server.crt} and {@code DIR/server.key}).
 */
public record GrpcServerLimits(int maxMessageBytes, Duration maxCallTime, Path tlsCertChain, Path tlsKey) {

    public static final GrpcServerLimits DEFAULT = new GrpcServerLimits(4 << 20, Duration.ofSeconds(60), null, null);

    /** One timer thread for every server's call deadlines; daemon, so it never holds the JVM. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grpc-call-deadlines");
        t.setDaemon(true);
        return t;
    });

    public GrpcServerLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("grpc-max-message-bytes must be >= 1024, got " + maxMessageBytes);
        }
        if (maxCallTime.isNegative() || maxCallTime.isZero()) {
            throw new IllegalArgumentException("grpc-max-call-time must be positive, got " + maxCallTime);
        }
        if ((tlsCertChain == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("grpc TLS needs both a certificate chain and a key, got "
                    + (tlsCertChain == null ? "only a key" : "only a certificate chain"));
        }
        for (Path file : new Path[] {tlsCertChain, tlsKey}) {
            if (file != null && !Files.isReadable(file)) {
                throw new IllegalArgumentException("grpc TLS file " + file + " is not readable");
            }
        }
    }

    public boolean tls() {
        return tlsCertChain != null;
    }

    /** A server builder on {@code port} with these limits; add services and build. */
    public ServerBuilder<?> builder(int port) {
        ServerCredentials credentials;
        try {
            credentials = tls() ? TlsServerCredentials.create(tlsCertChain.toFile(), tlsKey.toFile())
                    : InsecureServerCredentials.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gRPC TLS certificate " + tlsCertChain + " or key " + tlsKey, e);
        }
        return Grpc.newServerBuilderForPort(port, credentials)
                .maxInboundMessageSize(maxMessageBytes)
                .maxInboundMetadataSize(16 * 1024)
                .handshakeTimeout(10, TimeUnit.SECONDS)
                .intercept(maxCallTimeInterceptor());
    }

    /** Cuts every call to {@link #maxCallTime}: its context is cancelled and the client gets DEADLINE_EXCEEDED. */
    public ServerInterceptor maxCallTimeInterceptor() {
        long maxNanos = maxCallTime.toNanos();
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                Context callContext = Context.current();
                Context.CancellableContext context = callContext.withDeadlineAfter(maxNanos, TimeUnit.NANOSECONDS,
                        DEADLINES);
                SerializedCall<Q, R> serialized = new SerializedCall<>(call, context);
                context.addListener(c -> {
                    // a call gRPC itself ended (client deadline, cancel, oversized message) keeps gRPC's status
                    if (!callContext.isCancelled()) {
                        serialized.closeOnce(Status.DEADLINE_EXCEEDED.withDescription(
                                "the call ran past the server's limit of " + maxCallTime.toMillis() + " ms"));
                    }
                }, Runnable::run);
                return Contexts.interceptCall(context, serialized, headers, next);
            }
        };
    }

    /** A call whose outbound side is serialized, so the deadline timer can close it while a handler still sends. */
    private static final class SerializedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final Context.CancellableContext context;
        private boolean closed;

        SerializedCall(ServerCall<Q, R> delegate, Context.CancellableContext context) {
            super(delegate);
            this.context = context;
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                super.close(status, trailers);
                context.cancel(null); // releases the deadline timer
            }
        }

        void closeOnce(Status status) {
            close(status, new Metadata());
        }
    }
}
