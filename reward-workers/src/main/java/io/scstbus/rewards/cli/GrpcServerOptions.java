package io.scstbus.rewards.cli;

import io.scstbus.rewards.worker.GrpcServerLimits;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What the gRPC server of a command accepts: message size, call time, TLS. */
public final class GrpcServerOptions {

    @Option(names = "--grpc-max-message-bytes", defaultValue = "4194304", paramLabel = "BYTES",
            description = "Largest gRPC request message accepted; larger ones end RESOURCE_EXHAUSTED (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--grpc-max-call-time", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "Longest a gRPC call may run, ISO-8601; a client's shorter deadline applies, a longer or "
                    + "absent one is cut to this (DEADLINE_EXCEEDED) (default: ${DEFAULT-VALUE}).")
    Duration maxCallTime;

    @Option(names = "--grpc-tls-cert", paramLabel = "PEM",
            description = "Serve gRPC over TLS with this certificate chain (PEM), e.g. the server.crt that "
                    + "'broker --secure DIR' writes; needs --grpc-tls-key. Default: plaintext.")
    Path tlsCert;

    @Option(names = "--grpc-tls-key", paramLabel = "PEM",
            description = "The private key (PKCS#8 PEM) of --grpc-tls-cert, e.g. DIR/server.key.")
    Path tlsKey;

    /** The validated limits; an IllegalArgumentException names the option and value. */
    public GrpcServerLimits limits() {
        return new GrpcServerLimits(maxMessageBytes, maxCallTime, tlsCert, tlsKey);
    }
}
