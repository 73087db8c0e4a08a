package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.scstbus.rewards.deploy.DeployContract.Need;
import io.scstbus.rewards.deploy.Manifests.ProjectContainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka side of every rendered overlay: Strimzi cluster, topics, users and ACLs, the clients'
 * security settings, and KEDA's view of the worker groups.
 */
class KustomizeKafkaTest {

    static List<String> overlays() {
        return DeployFiles.overlays();
    }

    private static JsonNode kafka(Manifests m) {
        List<JsonNode> clusters = m.ofKind("Kafka");
        assertEquals(1, clusters.size(), m.overlay + ": expected one Strimzi Kafka, found " + clusters.size());
        return clusters.get(0);
    }

    private static JsonNode tlsListener(Manifests m) {
        for (JsonNode l : kafka(m).path("spec").path("kafka").path("listeners")) {
            if (l.path("tls").asBoolean() && "scram-sha-512".equals(l.path("authentication").path("type").asText())) {
                return l;
            }
        }
        throw new AssertionError(m.overlay + ": the Kafka has no TLS listener with scram-sha-512 authentication");
    }

    private static String bootstrap(Manifests m) {
        return Manifests.name(kafka(m)) + "-kafka-bootstrap:" + tlsListener(m).path("port").asInt();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaRunsInKraftWithAuthorizationAndOnlySecuredListeners(String overlay) {
        Manifests m = Manifests.of(overlay);
        JsonNode kafka = kafka(m);
        String cluster = Manifests.name(kafka);
        assertTrue(kafka.path("spec").path("zookeeper").isMissingNode(), m.where(kafka) + " must not use ZooKeeper");
        assertEquals("simple", kafka.path("spec").path("kafka").path("authorization").path("type").asText(),
                m.where(kafka) + " needs the simple authorizer, or KafkaUser ACLs are not enforced");
        for (JsonNode l : kafka.path("spec").path("kafka").path("listeners")) {
            assertTrue(l.path("tls").asBoolean() && l.path("authentication").has("type"),
                    m.where(kafka) + " listener " + l.path("name").asText() + " must use TLS and authentication");
        }
        boolean controller = false;
        boolean broker = false;
        for (JsonNode pool : m.ofKind("KafkaNodePool")) {
            assertEquals(cluster, pool.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    m.where(pool) + " must be labelled strimzi.io/cluster=" + cluster);
            for (JsonNode role : pool.path("spec").path("roles")) {
                controller |= role.asText().equals("controller");
                broker |= role.asText().equals("broker");
            }
        }
        assertTrue(controller && broker, m.overlay + ": KRaft needs node pools with controller and broker roles");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyTopicExistsWithItsPartitionsAndFitsTheBrokers(String overlay) {
        Manifests m = Manifests.of(overlay);
        String cluster = Manifests.name(kafka(m));
        int brokers = 0;
        for (JsonNode pool : m.ofKind("KafkaNodePool")) {
            if (pool.path("spec").path("roles").toString().contains("broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        for (String topic : DeployContract.TOPICS) {
            JsonNode t = topic(m, topic);
            assertEquals(cluster, t.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    m.where(t) + " must be labelled strimzi.io/cluster=" + cluster + " or no operator manages it");
            int replicas = t.path("spec").path("replicas").asInt();
            assertTrue(replicas >= 1 && replicas <= brokers, m.where(t) + ": replicas " + replicas
                    + " must be between 1 and the number of brokers (" + brokers + ")");
            JsonNode minIsr = t.path("spec").path("config").path("min.insync.replicas");
            assertTrue(minIsr.isMissingNode() || minIsr.asInt() <= replicas,
                    m.where(t) + ": min.insync.replicas " + minIsr.asText() + " > replicas " + replicas);
            Integer partitions = DeployContract.PARTITIONS.get(topic);
            if (partitions != null) {
                assertEquals(partitions.intValue(), t.path("spec").path("partitions").asInt(), m.where(t) + " partitions");
            }
        }
        assertEquals("compact", topic(m, DeployContract.REFERENCES).path("spec").path("config")
                .path("cleanup.policy").asText(), m.overlay + ": " + DeployContract.REFERENCES + " must be compacted");
    }

    static JsonNode topic(Manifests m, String topic) {
        return m.ofKind("KafkaTopic").stream()
                .filter(t -> topic.equals(t.path("spec").path("topicName").asText(Manifests.name(t))))
                .findFirst()
                .orElseThrow(() -> new AssertionError(m.overlay + ": no KafkaTopic for " + topic));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void clientsLogInAsTheirOwnUserOverTlsWithSecretsFromTheCluster(String overlay) {
        Manifests m = Manifests.of(overlay);
        String caSecret = Manifests.name(kafka(m)) + "-cluster-ca-cert";
        JsonNode listener = tlsListener(m);
        List<ProjectContainer> clients = m.projectContainers();
        assertFalse(clients.isEmpty(), overlay + ": no scst-bus containers rendered");
        for (ProjectContainer pc : clients) {
            String where = pc.where(overlay);
            JsonNode c = pc.container();
            assertEquals(bootstrap(m), pc.command().option("--bootstrap"), where + " --bootstrap");
            assertEquals("SASL_SSL", envValue(c, DeployContract.ENV_PROTOCOL, where), where);
            assertEquals("SCRAM-SHA-512", envValue(c, DeployContract.ENV_MECHANISM, where), where);
            String user = secretRef(c, DeployContract.ENV_JAAS, "sasl.jaas.config", where);
            JsonNode kafkaUser = m.get("KafkaUser", user);
            assertEquals("scram-sha-512", kafkaUser.path("spec").path("authentication").path("type").asText(),
                    m.where(kafkaUser) + " authentication");
            assertEquals(caSecret, secretRef(c, DeployContract.ENV_TRUSTSTORE_PASSWORD, "ca.password", where), where);
            assertTruststoreMounted(pc, envValue(c, DeployContract.ENV_TRUSTSTORE, where), caSecret, where);

            boolean admitted = false;
            for (JsonNode peer : listener.path("networkPolicyPeers")) {
                admitted |= peer.has("podSelector") && !peer.has("namespaceSelector")
                        && Manifests.selects(peer.path("podSelector").path("matchLabels"), pc.workload().podLabels());
            }
            assertTrue(admitted, where + ": pod labels " + pc.workload().podLabels()
                    + " match none of the Kafka listener's networkPolicyPeers");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eachUsersAclsGrantWhatItsComponentsNeedAndNothingElse(String overlay) {
        Manifests m = Manifests.of(overlay);
        Map<String, List<Need>> needsByUser = new HashMap<>();
        for (ProjectContainer pc : m.projectContainers()) {
            String user = secretRef(pc.container(), DeployContract.ENV_JAAS, "sasl.jaas.config", pc.where(overlay));
            LauncherCommand cmd = pc.command();
            List<Need> needs;
            if (cmd.isWorkerRun()) {
                needs = DeployContract.workerNeeds(cmd.option("--group"));
            } else if (cmd.isTrainer()) {
                needs = DeployContract.trainerNeeds(cmd.option("--run-id"));
            } else {
                fail(pc.where(overlay) + ": no Kafka needs known for '" + cmd.command() + "'");
                return;
            }
            needsByUser.computeIfAbsent(user, u -> new ArrayList<>()).addAll(needs);
        }
        for (JsonNode so : m.ofKind("ScaledObject")) {
            JsonNode meta = so.path("spec").path("triggers").path(0).path("metadata");
            needsByUser.computeIfAbsent(kedaUser(m, so), u -> new ArrayList<>())
                    .addAll(DeployContract.scalerNeeds(meta.path("consumerGroup").asText(), meta.path("topic").asText()));
        }
        // The trainer runs outside the cluster in some overlays: its user is checked against a run id.
        needsByUser.computeIfAbsent("scst-bus-trainer", u -> new ArrayList<>())
                .addAll(DeployContract.trainerNeeds("any-run"));
        // Replay runs wherever the reports are wanted, never as a workload of the overlays.
        needsByUser.computeIfAbsent("scst-bus-replay", u -> new ArrayList<>()).addAll(DeployContract.replayNeeds());

        for (JsonNode kafkaUser : m.ofKind("KafkaUser")) {
            String user = Manifests.name(kafkaUser);
            List<KafkaAcls.Acl> acls = KafkaAcls.of(kafkaUser);
            List<Need> needs = needsByUser.getOrDefault(user, List.of());
            assertFalse(needs.isEmpty(), m.where(kafkaUser) + " is used by no component");
            assertEquals(List.of(), KafkaAcls.missing(acls, needs), m.where(kafkaUser) + " lacks ACLs for");
            assertEquals(List.of(), KafkaAcls.surplus(acls, needs), m.where(kafkaUser) + " grants more than needed");
            for (KafkaAcls.Acl acl : acls) {
                assertFalse(acl.operations().contains("All") || acl.name().equals("*"),
                        m.where(kafkaUser) + " has a catch-all ACL " + acl);
                if (acl.type().equals("topic") && !acl.prefix()) {
                    topic(m, acl.name());
                }
            }
        }
        needsByUser.keySet().forEach(user -> m.get("KafkaUser", user));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kedaScalesEachWorkerGroupOnItsOwnLagWithinThePartitions(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<JsonNode> scaledObjects = m.ofKind("ScaledObject");
        assertEquals(DeployContract.WORKER_GROUPS.size(), scaledObjects.size(), overlay + ": one ScaledObject per worker group");
        for (JsonNode so : scaledObjects) {
            String where = m.where(so);
            JsonNode target = so.path("spec").path("scaleTargetRef");
            JsonNode deployment = m.get(target.path("kind").asText("Deployment"), target.path("name").asText());
            assertTrue(deployment.path("spec").path("replicas").isMissingNode(),
                    m.where(deployment) + " sets replicas: it would fight KEDA's HPA on every apply");
            ProjectContainer worker = m.projectContainers().stream()
                    .filter(pc -> pc.workload().object() == deployment && pc.command().isWorkerRun())
                    .findFirst().orElseThrow(() -> new AssertionError(where + " targets no reward worker"));
            JsonNode triggers = so.path("spec").path("triggers");
            assertEquals(1, triggers.size(), where + " triggers");
            JsonNode trigger = triggers.get(0);
            JsonNode meta = trigger.path("metadata");
            assertEquals("kafka", trigger.path("type").asText(), where + " trigger type");
            assertEquals(DeployContract.workerApplicationId(worker.command().option("--group")),
                    meta.path("consumerGroup").asText(), where + " consumerGroup must be the group's application.id");
            assertEquals(DeployContract.ROLLOUTS, meta.path("topic").asText(), where + " topic");
            assertEquals(Manifests.name(kafka(m)) + "-kafka-bootstrap." + Manifests.namespace(so) + ".svc:"
                    + tlsListener(m).path("port").asInt(), meta.path("bootstrapServers").asText(),
                    where + " bootstrapServers (KEDA runs in its own namespace: fully qualified name)");
            assertTrue(meta.path("lagThreshold").asInt() > 0, where + " lagThreshold");
            int partitions = topic(m, DeployContract.ROLLOUTS).path("spec").path("partitions").asInt();
            int max = so.path("spec").path("maxReplicaCount").asInt();
            int min = so.path("spec").path("minReplicaCount").asInt(0);
            assertTrue(max >= 1 && max <= partitions, where + ": maxReplicaCount " + max
                    + " must be 1.." + partitions + " (partitions of " + DeployContract.ROLLOUTS + ")");
            assertTrue(min <= max, where + ": minReplicaCount " + min + " > maxReplicaCount " + max);
        }
    }

    private static String kedaUser(Manifests m, JsonNode scaledObject) {
        String where = m.where(scaledObject);
        JsonNode trigger = scaledObject.path("spec").path("triggers").path(0);
        JsonNode auth = m.get("TriggerAuthentication", trigger.path("authenticationRef").path("name").asText());
        Map<String, String> params = new HashMap<>();
        for (JsonNode ref : auth.path("spec").path("configMapTargetRef")) {
            JsonNode cm = m.get("ConfigMap", ref.path("name").asText());
            params.put(ref.path("parameter").asText(), cm.path("data").path(ref.path("key").asText()).asText());
        }
        trigger.path("metadata").fields().forEachRemaining(e -> params.putIfAbsent(e.getKey(), e.getValue().asText()));
        String user = params.get("username");
        assertEquals("scram_sha512", params.get("sasl"), where + " sasl");
        assertEquals("enable", params.get("tls"), where + " tls");
        Map<String, String> secrets = new HashMap<>();
        for (JsonNode ref : auth.path("spec").path("secretTargetRef")) {
            secrets.put(ref.path("parameter").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
        }
        assertEquals(user + "/password", secrets.get("password"), where + ": password from the KafkaUser's Secret");
        assertEquals(Manifests.name(kafka(m)) + "-cluster-ca-cert/ca.crt", secrets.get("ca"), where + ": CA");
        return user;
    }

    static String envValue(JsonNode container, String name, String where) {
        JsonNode e = Manifests.env(container, name).orElseThrow(() -> new AssertionError(where + " lacks env " + name));
        assertTrue(e.has("value"), where + " env " + name + " should be a plain value");
        return e.path("value").asText();
    }

    /** The Secret an env var comes from; fails when the value is written inline. */
    static String secretRef(JsonNode container, String name, String key, String where) {
        JsonNode e = Manifests.env(container, name).orElseThrow(() -> new AssertionError(where + " lacks env " + name));
        JsonNode ref = e.path("valueFrom").path("secretKeyRef");
        assertTrue(ref.isObject() && !e.has("value"), where + " env " + name + " must come from a Secret");
        assertEquals(key, ref.path("key").asText(), where + " env " + name + " secret key");
        return ref.path("name").asText();
    }

    private static void assertTruststoreMounted(ProjectContainer pc, String location, String caSecret, String where) {
        for (JsonNode mount : pc.container().path("volumeMounts")) {
            String dir = mount.path("mountPath").asText();
            if (location.startsWith(dir + "/")) {
                JsonNode volume = pc.workload().volume(mount.path("name").asText())
                        .orElseThrow(() -> new AssertionError(where + " mounts an undeclared volume at " + dir));
                assertEquals(caSecret, volume.path("secret").path("secretName").asText(), where + " truststore volume");
                String file = location.substring(dir.length() + 1);
                JsonNode items = volume.path("secret").path("items");
                boolean present = items.isMissingNode() || items.toString().contains("\"path\":\"" + file + "\"");
                assertTrue(present, where + ": the truststore volume does not contain " + file);
                return;
            }
        }
        fail(where + ": truststore " + location + " is on no mounted volume");
    }
}
