package io.scstbus.rewards.worker;

import com.sun.net.httpserver.HttpServer;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The network faces of a long-running process: a gRPC server with the standard health service
 * (and any services given), and a Prometheus scrape endpoint at {@code /metrics}.
 */
public final class WorkerEndpoints implements AutoCloseable {

    private final Server grpc;
    private final HealthStatusManager health = new HealthStatusManager();
    private final HttpServer metrics;
    private volatile boolean serving;

    public WorkerEndpoints(ServerBuilder<?> grpcBuilder, PrometheusMeterRegistry registry, int metricsPort,
                           BindableService... services) {
        grpcBuilder.addService(health.getHealthService());
        for (BindableService service : services) {
            grpcBuilder.addService(service);
        }
        this.grpc = grpcBuilder.build();
        health.setStatus("", ServingStatus.NOT_SERVING);
        if (registry != null && metricsPort >= 0) {
            try {
                metrics = HttpServer.create(new InetSocketAddress(metricsPort), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the metrics port " + metricsPort, e);
            }
            metrics.createContext("/metrics", exchange -> {
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // The gRPC health status over plain HTTP, for container health checks without a gRPC client
            // (a shell one-liner: no JVM start per check).
            metrics.createContext("/health", exchange -> {
                boolean up = serving;
                byte[] body = ((up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING) + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(up ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        } else {
            metrics = null;
        }
    }

    public WorkerEndpoints start() {
        try {
            grpc.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gRPC server", e);
        }
        if (metrics != null) {
            metrics.start();
        }
        return this;
    }

    public int grpcPort() {
        return grpc.getPort();
    }

    public int metricsPort() {
        return metrics == null ? -1 : metrics.getAddress().getPort();
    }

    /** SERVING once the process can do its work; probes read this. */
    public void serving(boolean serving) {
        this.serving = serving;
        health.setStatus("", serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }

    @Override
    public void close() {
        health.enterTerminalState();
        grpc.shutdown();
        try {
            if (!grpc.awaitTermination(30, TimeUnit.SECONDS)) {
                grpc.shutdownNow();
            }
        } catch (InterruptedException e) {
            grpc.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (metrics != null) {
            metrics.stop(0);
        }
    }
}
