package io.scstbus.rewards.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reward-worker health}: asks a running worker's standard gRPC health service, for container
 * health checks (the images have no grpc_health_probe). Exit 0 only when it answers SERVING.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Asks a running worker's grpc.health.v1 service (container health checks).",
            "Exit 0 when it answers SERVING, 1 when it answers anything else or cannot be reached."})
public final class HealthCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Worker host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "50051", description = "Worker gRPC port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--timeout-seconds", defaultValue = "10", description = "Deadline of the check (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
            System.out.println(host + ":" + port + " " + status);
            return status == ServingStatus.SERVING ? 0 : 1;
        } catch (StatusRuntimeException e) {
            System.out.println(host + ":" + port + " " + e.getStatus().getCode() + ": " + e.getStatus().getDescription());
            return 1;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
