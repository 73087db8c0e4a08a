package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scstbus.proto.v1.CandidateScores;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard: valid JSON, every worker metric on a panel, shipped in the rendered overlays. */
class DashboardTest {

    /** Metric names the reward worker exports (Micrometer, Prometheus naming). */
    static final List<String> WORKER_METRICS = List.of(
            "scstbus_records_in_total", "scstbus_records_out_total",
            "scstbus_signal_latency_seconds_bucket", "scstbus_dlq_total", "scstbus_signal_timeouts_total",
            "scstbus_cache_hits_total", "scstbus_cache_misses_total",
            "scstbus_reward_value_sum", "scstbus_reward_value_count");

    static final Path DASHBOARD = Path.of("deploy/base/monitoring/dashboards/scst-bus-workers.json");

    private static List<String> expressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        }
        return exprs;
    }

    @Test
    void everyWorkerMetricAndTheLagAreOnAPanel() throws IOException {
        JsonNode dashboard = DeployFiles.JSON.readTree(Files.readString(DeployFiles.root().resolve(DASHBOARD)));
        String all = String.join("\n", expressions(dashboard));
        for (String metric : WORKER_METRICS) {
            assertTrue(all.contains(metric), DASHBOARD + " shows no panel with " + metric);
        }
        assertTrue(all.contains("kafka_consumergroup_lag"), DASHBOARD + " shows no consumer lag");
        assertTrue(all.contains("by (signal)") && all.contains("by (le, signal)"), "per-signal panels");
        for (JsonNode panel : dashboard.path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                assertFalse(panel.path("targets").isEmpty(), "panel '" + panel.path("title").asText() + "' has no query");
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(),
                        "panel '" + panel.path("title").asText() + "' must use the datasource variable");
            }
        }
    }

    /** The names on the dashboard are the names the worker's /metrics endpoint really serves. */
    @Test
    void everyDashboardMetricIsServedByAWorker() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerMetrics metrics = new WorkerMetrics(meters, "cheap");
        new StandardSignals(null, null).bindCacheMetrics(meters, "cheap");
        metrics.recordIn();
        metrics.recordDeadLetter();
        metrics.recordScored(RewardResult.newBuilder().addCandidates(CandidateScores.newBuilder()
                .addScores(SignalScore.newBuilder().setSignal("length").setStatus(ScoreStatus.OK).setValue(3))
                .addScores(SignalScore.newBuilder().setSignal("sde").setStatus(ScoreStatus.TIMEOUT)))
                .build());
        String scrape = meters.scrape();
        for (String metric : WORKER_METRICS) {
            assertTrue(scrape.contains(metric), "the worker does not serve " + metric);
        }
    }

    @Test
    void theOverlaysShipTheDashboardToGrafana() throws IOException {
        JsonNode expected = DeployFiles.JSON.readTree(Files.readString(DeployFiles.root().resolve(DASHBOARD)));
        for (String overlay : DeployFiles.overlays()) {
            Manifests m = Manifests.of(overlay);
            List<JsonNode> dashboards = m.ofKind("ConfigMap").stream()
                    .filter(cm -> "1".equals(cm.path("metadata").path("labels").path("grafana_dashboard").asText()))
                    .toList();
            assertEquals(1, dashboards.size(), overlay + ": one ConfigMap labelled grafana_dashboard=1");
            JsonNode shipped = DeployFiles.JSON.readTree(
                    dashboards.get(0).path("data").path(DASHBOARD.getFileName().toString()).asText());
            assertEquals(expected, shipped, overlay + ": the ConfigMap holds the dashboard file");
        }
    }
}
