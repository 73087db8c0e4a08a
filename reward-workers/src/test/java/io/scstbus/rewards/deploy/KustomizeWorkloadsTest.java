package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.scstbus.rewards.deploy.Manifests.ProjectContainer;
import io.scstbus.rewards.deploy.Manifests.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workloads of every rendered overlay: selectors, probes, ports, launcher arguments, pod security,
 * resources, and the GPU variant of the scene-graph group.
 */
class KustomizeWorkloadsTest {

    static List<String> overlays() {
        return DeployFiles.overlays();
    }

    @Test
    void thereAreDevProdAndGpuOverlays() {
        assertTrue(overlays().containsAll(List.of("dev", "prod", "prod-gpu")), "overlays found: " + overlays());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyPartIsRenderedIntoOneNamespace(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String kind : List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Deployment", "Service",
                "PodDisruptionBudget", "ScaledObject", "TriggerAuthentication", "NetworkPolicy", "ServiceMonitor")) {
            assertFalse(m.ofKind(kind).isEmpty(), overlay + " renders no " + kind);
        }
        Set<String> namespaces = new HashSet<>();
        m.objects.forEach(o -> namespaces.add(Manifests.namespace(o)));
        assertEquals(1, namespaces.size(), overlay + ": objects spread over namespaces " + namespaces);
        assertFalse(namespaces.contains(""), overlay + ": objects without a namespace");
        for (String group : DeployContract.WORKER_GROUPS.keySet()) {
            long deployments = m.projectContainers().stream()
                    .filter(pc -> pc.command().isWorkerRun() && group.equals(pc.command().option("--group"))).count();
            assertEquals(1, deployments, overlay + ": worker group " + group + " must run in exactly one Deployment");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void selectorsMatchThePodsTheyAreMeantFor(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (Workload w : m.workloads()) {
            if (w.kind().equals("Deployment")) {
                assertTrue(Manifests.selects(w.object().path("spec").path("selector").path("matchLabels"), w.podLabels()),
                        m.where(w.object()) + ": selector does not match its pod template labels " + w.podLabels());
            }
        }
        for (JsonNode pdb : m.ofKind("PodDisruptionBudget")) {
            assertEquals(1, m.selectedBy(pdb.path("spec").path("selector").path("matchLabels")).size(),
                    m.where(pdb) + " must select exactly one workload's pods");
        }
        for (JsonNode svc : m.ofKind("Service")) {
            List<Workload> backends = m.selectedBy(svc.path("spec").path("selector"));
            assertEquals(1, backends.size(), m.where(svc) + " must select exactly one workload's pods");
            for (JsonNode port : svc.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort");
                boolean declared = backends.get(0).containers().stream()
                        .anyMatch(c -> Manifests.port(c, target).isPresent());
                assertTrue(declared, m.where(svc) + " targetPort " + target.asText() + " is no container port");
            }
        }
        for (JsonNode sm : m.ofKind("ServiceMonitor")) {
            List<JsonNode> services = m.ofKind("Service").stream().filter(s -> Manifests.selects(
                    sm.path("spec").path("selector").path("matchLabels"),
                    Manifests.strings(s.path("metadata").path("labels")))).toList();
            assertFalse(services.isEmpty(), m.where(sm) + " selects no Service");
            for (JsonNode endpoint : sm.path("spec").path("endpoints")) {
                for (JsonNode s : services) {
                    assertTrue(s.path("spec").path("ports").toString().contains("\"name\":\"" + endpoint.path("port").asText() + "\""),
                            m.where(sm) + " endpoint port " + endpoint.path("port").asText() + " not on " + m.where(s));
                }
            }
        }
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            List<Workload> pods = m.selectedBy(np.path("spec").path("podSelector").path("matchLabels"));
            boolean trainerPolicy = np.path("spec").path("podSelector").toString().contains("trainer");
            assertTrue(!pods.isEmpty() || trainerPolicy, m.where(np) + " selects no pods");
            for (JsonNode rule : np.path("spec").path("ingress")) {
                for (JsonNode port : rule.path("ports")) {
                    for (Workload w : pods) {
                        assertTrue(w.containers().stream().anyMatch(c -> Manifests.port(c, port.path("port")).isPresent()),
                                m.where(np) + " admits port " + port.path("port").asText() + " that " + w.name() + " does not declare");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void probesUseTheGrpcHealthServiceOnADeclaredPort(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (ProjectContainer pc : m.projectContainers()) {
            if (!pc.command().isWorkerRun()) {
                continue;
            }
            String where = pc.where(overlay);
            JsonNode c = pc.container();
            int grpcPort = Integer.parseInt(pc.command().option("--grpc-port"));
            int metricsPort = Integer.parseInt(pc.command().option("--metrics-port"));
            assertEquals(DeployContract.GRPC_PORT, grpcPort, where + " --grpc-port");
            assertTrue(Manifests.port(c, IntNode.valueOf(grpcPort)).isPresent(), where + " does not declare --grpc-port " + grpcPort);
            assertTrue(Manifests.port(c, IntNode.valueOf(metricsPort)).isPresent(), where + " does not declare --metrics-port " + metricsPort);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                JsonNode grpc = c.path(probe).path("grpc");
                assertTrue(grpc.isObject(), where + " " + probe + " must be a gRPC health probe");
                assertEquals(grpcPort, grpc.path("port").asInt(), where + " " + probe + " port");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void launcherArgumentsFollowTheContract(String overlay) {
        Manifests m = Manifests.of(overlay);
        int partitions = KustomizeKafkaTest.topic(m, DeployContract.ROLLOUTS).path("spec").path("partitions").asInt();
        for (ProjectContainer pc : m.projectContainers()) {
            String where = pc.where(overlay);
            LauncherCommand cmd = pc.command();
            assertEquals(List.of(), cmd.problems(), where + " arguments");
            if (cmd.isWorkerRun()) {
                String group = cmd.option("--group");
                assertTrue(DeployContract.WORKER_GROUPS.containsKey(group), where + ": unknown worker group " + group);
                assertEquals(DeployContract.WORKER_GROUPS.get(group), Arrays.asList(cmd.option("--signals").split(",")),
                        where + " --signals of group " + group);
                assertEquals(String.valueOf(partitions), cmd.option("--partitions"), where + " --partitions");
                assertEquals(group.equals(DeployContract.ANSWERS_UNKNOWN) ? "true" : null, cmd.option("--answer-unknown"),
                        where + ": only group " + DeployContract.ANSWERS_UNKNOWN + " answers unknown signal names");
                assertEquals(group, pc.workload().podLabels().get("app.kubernetes.io/instance"), where + " instance label");
            }
            String modelDir = cmd.option("--factual-model");
            if (modelDir != null) {
                assertEquals("factual", cmd.option("--parser"), where + ": --factual-model without --parser factual");
                assertTrue(pc.container().path("volumeMounts").toString().contains("\"mountPath\":\"" + modelDir + "\""),
                        where + ": --factual-model " + modelDir + " is not a mounted volume");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podsRunAsNonRootWithRequestsAndLimits(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (ProjectContainer pc : m.projectContainers()) {
            String where = pc.where(overlay);
            JsonNode pod = pc.workload().podSpec().path("securityContext");
            JsonNode c = pc.container();
            assertTrue(pod.path("runAsNonRoot").asBoolean(), where + " runAsNonRoot");
            assertEquals(65532, pod.path("runAsUser").asInt(), where + " runAsUser (the image's user)");
            assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true), where + " privilege escalation");
            assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), where + " read-only root");
            assertTrue(c.path("volumeMounts").toString().contains("\"mountPath\":\"/tmp\""),
                    where + ": /tmp must be a volume (read-only root; Kafka Streams state, DJL cache)");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertTrue(c.path("resources").path(kind).has(resource), where + " has no " + kind + "." + resource);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void gpuPodsAskForWholeGpusOnTheGpuPool(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<String> gpuGroups = new ArrayList<>();
        for (ProjectContainer pc : m.projectContainers()) {
            JsonNode resources = pc.container().path("resources");
            if (!resources.path("limits").has("nvidia.com/gpu") && !resources.path("requests").has("nvidia.com/gpu")) {
                continue;
            }
            String where = pc.where(overlay);
            gpuGroups.add(pc.command().option("--group"));
            assertEquals(resources.path("limits").path("nvidia.com/gpu").asText(),
                    resources.path("requests").path("nvidia.com/gpu").asText(), where + ": GPU requests must equal limits");
            JsonNode spec = pc.workload().podSpec();
            assertFalse(spec.path("nodeSelector").isEmpty(), where + ": GPU pods need a nodeSelector for the GPU pool");
            assertTrue(spec.path("tolerations").toString().contains("nvidia.com/gpu"), where + ": GPU pods need the GPU toleration");
        }
        if (overlay.endsWith("gpu")) {
            assertEquals(List.of("scene-graph"), gpuGroups, overlay + ": the GPU variant runs the scene-graph group on GPUs");
        }
    }
}
