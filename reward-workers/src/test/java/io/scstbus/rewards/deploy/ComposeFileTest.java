package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml parses, and its services match the topics and the worker groups. That each command
 * parses with its launcher is ContainerCommandsParseTest's (trainer module).
 */
class ComposeFileTest {

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]+)}");

    static JsonNode compose;
    static Map<String, JsonNode> services;
    /** Services running a launcher of ours (not an entrypoint override), with their parsed command. */
    static Map<String, LauncherCommand> launchers;

    @BeforeAll
    static void parse() {
        compose = DeployFiles.readYamlFile(DeployFiles.root().resolve("docker-compose.yml"));
        services = new LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        launchers = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            String image = resolve(service.path("image").asText());
            if (image.startsWith("scst-bus/") && !service.has("entrypoint")) {
                JsonNode command = service.path("command");
                assertTrue(command.isArray(), "service " + name + ": command must be a list (exec form)");
                List<String> args = new ArrayList<>();
                command.forEach(a -> args.add(resolve(a.asText())));
                launchers.put(name, LauncherCommand.parse(image, args));
            }
        });
    }

    /** ${VAR:-default} -> default, as compose does without the variable set. */
    static String resolve(String value) {
        Matcher m = DEFAULTED.matcher(value);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    private static List<String> servicesRunning(String command) {
        return launchers.entrySet().stream().filter(e -> e.getValue().command().equals(command))
                .map(Map.Entry::getKey).toList();
    }

    @Test
    void kafkaIsASingleKraftNodeOfTheProjectsKafkaVersionWithAHealthcheck() {
        JsonNode kafka = services.get("kafka");
        assertNotNull(kafka, "no kafka service");
        String image = resolve(kafka.path("image").asText());
        assertEquals("apache/kafka:" + ImageProfileTest.parentProperty("kafka.version"), image,
                "the broker image should match the Kafka version the project builds against");
        JsonNode env = kafka.path("environment");
        List<String> roles = Arrays.asList(env.path("KAFKA_PROCESS_ROLES").asText().split(","));
        assertTrue(roles.contains("broker") && roles.contains("controller"), "KRaft combined mode: " + roles);
        assertTrue(env.path("KAFKA_ADVERTISED_LISTENERS").asText().contains("//kafka:9092"), "advertised kafka:9092");
        assertEquals("1", env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText(),
                "one broker: transactions (exactly_once_v2) need a replication factor of 1");
        assertTrue(kafka.path("healthcheck").has("test"), "kafka needs a healthcheck");
    }

    @Test
    void everyLauncherCommandReachesTheBrokerFromTheProjectsImage() {
        assertFalse(launchers.isEmpty(), "no service runs a scst-bus launcher");
        launchers.forEach((name, cmd) -> {
            assertEquals(List.of(), cmd.problems(), "service " + name + " command");
            assertEquals("kafka:9092", cmd.option("--bootstrap"), "service " + name + " --bootstrap");
            String tag = cmd.image().substring(cmd.image().lastIndexOf(':') + 1);
            assertEquals(ImageProfileTest.projectVersion(), tag, "service " + name + " image tag");
        });
    }

    @Test
    void aTopicInitialiserCreatesTheTopicsOnceKafkaIsHealthy() {
        List<String> initialisers = servicesRunning("reward-worker create-topics");
        assertEquals(1, initialisers.size(), "one create-topics service");
        String name = initialisers.get(0);
        LauncherCommand cmd = launchers.get(name);
        assertEquals(String.valueOf(DeployContract.PARTITIONS.get(DeployContract.ROLLOUTS)), cmd.option("--partitions"));
        assertEquals("1", cmd.option("--replication-factor"), "a single broker");
        assertEquals("service_healthy", services.get(name).path("depends_on").path("kafka").path("condition").asText());
        assertEquals("no", services.get(name).path("restart").asText("no"));
    }

    @Test
    void exactlyOneWorkerGroupAnswersUnknownSignalNames() {
        List<String> answering = servicesRunning("reward-worker run").stream()
                .filter(s -> "true".equals(launchers.get(s).option("--answer-unknown")))
                .map(s -> launchers.get(s).option("--group")).toList();
        assertEquals(List.of(DeployContract.ANSWERS_UNKNOWN), answering);
    }

    @Test
    void eachWorkerGroupIsOneScalableServiceWithAHealthcheck() {
        String initialiser = servicesRunning("reward-worker create-topics").get(0);
        for (Map.Entry<String, List<String>> group : DeployContract.WORKER_GROUPS.entrySet()) {
            List<String> matching = servicesRunning("reward-worker run").stream()
                    .filter(s -> group.getKey().equals(launchers.get(s).option("--group"))).toList();
            assertEquals(1, matching.size(), "one service for worker group " + group.getKey());
            String name = matching.get(0);
            JsonNode service = services.get(name);
            LauncherCommand cmd = launchers.get(name);
            assertEquals(group.getValue(), Arrays.asList(cmd.option("--signals").split(",")), name + " --signals");
            assertFalse(service.has("container_name"), name + ": container_name prevents --scale");
            assertFalse(service.has("ports"), name + ": published ports prevent --scale");
            assertTrue(service.path("healthcheck").path("test").toString().contains(cmd.option("--metrics-port")),
                    name + ": healthcheck should ask /health on the metrics port " + cmd.option("--metrics-port"));
            assertEquals("service_completed_successfully",
                    service.path("depends_on").path(initialiser).path("condition").asText(), name + " waits for the topics");
        }
    }

    @Test
    void theTrainerRunsTheDemoAgainstKafkaWithCheckpointsAndReportsOnVolumes() {
        List<String> trainers = servicesRunning("trainer");
        assertEquals(1, trainers.size(), "one trainer service");
        String name = trainers.get(0);
        LauncherCommand cmd = launchers.get(name);
        assertEquals("demo", cmd.option("--preset"));
        List<String> mounts = new ArrayList<>();
        services.get(name).path("volumes").forEach(v -> mounts.add(v.asText()));
        for (String option : List.of("--checkpoint-dir", "--report-dir")) {
            String dir = cmd.option(option);
            assertNotNull(dir, name + " sets no " + option);
            assertTrue(mounts.stream().anyMatch(v -> v.endsWith(":" + dir) && compose.path("volumes").has(v.split(":")[0])),
                    name + ": " + option + " " + dir + " is not on a named volume (" + mounts + ")");
        }
        JsonNode dependsOn = services.get(name).path("depends_on");
        for (String worker : servicesRunning("reward-worker run")) {
            assertEquals("service_healthy", dependsOn.path(worker).path("condition").asText(), name + " waits for " + worker);
        }
    }

    @Test
    void namedVolumesAreDeclaredAndNoSecretsAreWritten() {
        services.forEach((name, service) -> {
            for (JsonNode v : service.path("volumes")) {
                String source = v.asText().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertTrue(compose.path("volumes").has(source), name + " uses undeclared volume " + source);
                }
            }
            service.path("environment").fields().forEachRemaining(e -> assertFalse(
                    e.getKey().contains("PASSWORD") || e.getKey().contains("JAAS"),
                    name + ": " + e.getKey() + " must not be written into the compose file"));
        });
    }
}
