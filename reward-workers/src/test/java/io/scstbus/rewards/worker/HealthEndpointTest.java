package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /health on the metrics port (the containers' health check) follows the gRPC health status. */
class HealthEndpointTest {

    @Test
    void healthAnswers200OnlyWhileServing() throws Exception {
        try (WorkerEndpoints endpoints = new WorkerEndpoints(InProcessServerBuilder.forName("health-endpoint-test"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 0).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + endpoints.metricsPort() + "/health")).build();
            assertEquals(503, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
            endpoints.serving(true);
            HttpResponse<String> serving = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, serving.statusCode());
            assertEquals("SERVING\n", serving.body());
            endpoints.serving(false);
            assertEquals(503, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
