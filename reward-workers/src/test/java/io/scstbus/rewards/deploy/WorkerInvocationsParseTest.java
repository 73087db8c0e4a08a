package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.scstbus.rewards.cli.RewardWorkerCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every bin/reward-worker invocation in docker-compose.yml and in the rendered Kubernetes overlays
 * parses with the launcher itself: option names, arities and value types (WorkerLauncherOptionsTest only
 * compares option names with the contract).
 */
class WorkerInvocationsParseTest {

    static List<String> overlays() {
        return DeployFiles.overlays();
    }

    private static ParseResult parse(String where, List<String> args) {
        try {
            return new CommandLine(new RewardWorkerCommand()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return fail(where + ": bin/reward-worker " + String.join(" ", args) + " does not parse: " + e.getMessage());
        }
    }

    @Test
    void composeInvocationsParse() {
        JsonNode compose = DeployFiles.readYamlFile(DeployFiles.root().resolve("docker-compose.yml"));
        Map<String, ParseResult> runs = new LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(e -> {
            JsonNode service = e.getValue();
            if (service.path("image").asText().startsWith(DeployContract.WORKER_IMAGE + ":") && !service.has("entrypoint")) {
                List<String> args = new ArrayList<>();
                service.path("command").forEach(a -> args.add(a.asText()));
                ParseResult result = parse("service " + e.getKey(), args);
                if (result.subcommand().commandSpec().name().equals("run")) {
                    runs.put(e.getKey(), result.subcommand());
                }
            }
        });
        assertFalse(runs.isEmpty(), "compose runs no reward worker");
        runs.forEach((service, run) -> {
            assertEquals(6, (int) run.matchedOptionValue("--partitions", 0), service + " --partitions");
            boolean answers = run.matchedOptionValue("--answer-unknown", false);
            assertEquals(DeployContract.ANSWERS_UNKNOWN.equals(run.matchedOptionValue("--group", "")), answers,
                    service + " --answer-unknown");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kubernetesInvocationsParse(String overlay) {
        for (Manifests.ProjectContainer pc : Manifests.of(overlay).projectContainers()) {
            if (pc.command().launcher().equals("reward-worker")) {
                List<String> args = new ArrayList<>();
                pc.container().path("args").forEach(a -> args.add(a.asText()));
                parse(pc.where(overlay), args);
            }
        }
    }
}
