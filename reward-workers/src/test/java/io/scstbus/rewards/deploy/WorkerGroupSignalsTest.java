package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker groups' signals have one source, {@link WorkerGroup}: every worker command of docker-compose.yml
 * and of the Kubernetes base manifests runs a standard group with exactly that group's --signals.
 * (KustomizeWorkloadsTest checks the rendered overlays against the same source.)
 */
class WorkerGroupSignalsTest {

    @Test
    void everyContractSignalIsServedByExactlyOneStandardGroup() {
        for (String signal : StandardSignals.CONTRACT) {
            long groups = Stream.of(WorkerGroup.values()).filter(g -> g.signals().contains(signal)).count();
            assertEquals(1, groups, signal + " is served by " + groups + " standard groups");
        }
        Stream.of(WorkerGroup.values()).flatMap(g -> g.signals().stream()).forEach(signal -> assertTrue(
                StandardSignals.CONTRACT.contains(signal), signal + " is no contract signal"));
    }

    @Test
    void composeWorkersRunTheirGroupsSignals() {
        JsonNode compose = DeployFiles.readYamlFile(DeployFiles.root().resolve("docker-compose.yml"));
        Map<String, List<String>> commands = new LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().startsWith(DeployContract.WORKER_IMAGE + ":")) {
                commands.put("compose service " + e.getKey(), strings(e.getValue().path("command")));
            }
        });
        assertSignalsOfTheirGroups(commands);
    }

    @Test
    void kubernetesBaseWorkersRunTheirGroupsSignals() {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DeployFiles.root().resolve("deploy/base/workers"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : DeployFiles.readYaml(Files.readString(file))) {
                    for (JsonNode container : doc.path("spec").path("template").path("spec").path("containers")) {
                        if (container.path("image").asText().startsWith(DeployContract.WORKER_IMAGE + ":")) {
                            commands.put(file.getFileName() + " container " + container.path("name").asText(),
                                    strings(container.path("args")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertSignalsOfTheirGroups(commands);
    }

    /** Each {@code run} command names a standard group and passes exactly its signals. */
    private static void assertSignalsOfTheirGroups(Map<String, List<String>> commands) {
        List<String> checked = new ArrayList<>();
        commands.forEach((where, args) -> {
            if (args.isEmpty() || !args.get(0).equals("run")) {
                return;
            }
            WorkerGroup group = WorkerGroup.of(option(args, "--group", where));
            assertEquals(String.join(",", group.signals()), option(args, "--signals", where), where + " --signals");
            checked.add(group.label());
        });
        assertEquals(DeployContract.WORKER_GROUPS.keySet().stream().sorted().toList(), checked.stream().sorted().toList(),
                "worker groups run: " + commands.keySet());
    }

    private static String option(List<String> args, String name, String where) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            throw new AssertionError(where + ": no " + name + " in " + args);
        }
        return args.get(i + 1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return out;
    }
}
