package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.broker.BrokerCommand;
import io.scstbus.rewards.cli.RewardWorkerCommand;
import io.scstbus.trainer.cli.ReplayCommand;
import io.scstbus.trainer.cli.TrainerCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every scst-bus container command in docker-compose.yml (alone and with docker-compose.local.yml) and in
 * every rendered kustomize overlay parses with the launcher's own picocli command object (option names, arities, value types, subcommands). It
 * lives in the trainer module because only here are all three launchers on the classpath; it shares
 * the deploy test helpers (package io.scstbus.rewards.deploy) through reward-workers' test-jar.
 */
class ContainerCommandsParseTest {

    /** The launchers the images run, by the name an entrypoint gives (bin/ and the images' PATH). */
    private static final Map<String, Supplier<Object>> LAUNCHERS = Map.of(
            "trainer", TrainerCommand::new,
            "replay", ReplayCommand::new,
            "reward-worker", RewardWorkerCommand::new,
            "broker", BrokerCommand::new);

    /** The launcher an image runs when no entrypoint is given. */
    private static final Map<String, String> IMAGE_DEFAULTS = Map.of(
            DeployContract.TRAINER_IMAGE, "trainer",
            DeployContract.WORKER_IMAGE, "reward-worker",
            "scst-bus/broker", "broker");

    static List<String> overlays() {
        return DeployFiles.overlays();
    }

    @Test
    void everyComposeCommandParses() {
        Map<String, ParseResult> parsed = parseCompose(services("docker-compose.yml"));
        assertEquals(List.of("topics", "worker-cheap", "worker-scene-graph", "trainer"), List.copyOf(parsed.keySet()),
                "the compose services that run a scst-bus launcher");
        parsed.forEach((service, result) -> {
            ParseResult run = result.subcommand();
            if (run != null && run.commandSpec().name().equals("run")) {
                assertEquals(DeployContract.PARTITIONS.get(DeployContract.ROLLOUTS),
                        (int) run.matchedOptionValue("--partitions", 0), service + " --partitions");
            }
        });
    }

    @Test
    void everyCommandWithTheLocalImagesOverrideParses() {
        Map<String, JsonNode> merged = services("docker-compose.yml");
        services("docker-compose.local.yml").forEach((name, override) -> {
            ObjectNode service = ((ObjectNode) merged.get(name)).deepCopy();
            override.fields().forEachRemaining(f -> service.set(f.getKey(), f.getValue()));
            merged.put(name, service);
        });
        assertEquals(List.of("kafka", "topics", "worker-cheap", "worker-scene-graph", "trainer"),
                List.copyOf(parseCompose(merged).keySet()), "the services that run a scst-bus launcher with local images");
    }

    private static Map<String, JsonNode> services(String file) {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        DeployFiles.readYamlFile(DeployFiles.root().resolve(file)).path("services").fields()
                .forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    private static Map<String, ParseResult> parseCompose(Map<String, JsonNode> services) {
        Map<String, ParseResult> parsed = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            String launcher = launcher(ComposeFileTest.resolve(service.path("image").asText()), service.path("entrypoint"));
            if (launcher != null) {
                List<String> args = strings(service.path("command")).stream().map(ComposeFileTest::resolve).toList();
                parsed.put(name, parse("service " + name, launcher, args));
            }
        });
        return parsed;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyOverlayCommandParses(String overlay) {
        int containers = 0;
        for (Manifests.Workload w : Manifests.of(overlay).workloads()) {
            List<JsonNode> all = new ArrayList<>(w.containers());
            w.podSpec().path("initContainers").forEach(all::add);
            for (JsonNode c : all) {
                String launcher = launcher(c.path("image").asText(), c.path("command"));
                if (launcher != null) {
                    parse(overlay + ": " + w.kind() + " " + w.name() + " container " + c.path("name").asText(),
                            launcher, strings(c.path("args")));
                    containers++;
                }
            }
        }
        assertFalse(containers == 0, overlay + " runs no scst-bus container");
    }

    /**
     * The launcher a container runs: its entrypoint's program when that is one of ours, the image's
     * default when there is no entrypoint, null for an image that is not ours or a foreign entrypoint
     * (compose's volume-permissions chown).
     */
    private static String launcher(String image, JsonNode entrypoint) {
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        if (!IMAGE_DEFAULTS.containsKey(repository)) {
            return null;
        }
        List<String> program = strings(entrypoint);
        if (program.isEmpty()) {
            return IMAGE_DEFAULTS.get(repository);
        }
        String name = program.get(0).substring(program.get(0).lastIndexOf('/') + 1);
        return LAUNCHERS.containsKey(name) ? name : null;
    }

    private static ParseResult parse(String where, String launcher, List<String> args) {
        try {
            return new CommandLine(LAUNCHERS.get(launcher).get()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return fail(where + ": " + launcher + " " + String.join(" ", args) + " does not parse: " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isTextual()) {
            out.add(array.asText());
        }
        array.forEach(a -> out.add(a.asText()));
        return out;
    }
}
