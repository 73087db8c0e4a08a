package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.cli.RewardWorkerCommand;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The options the deployment files may pass to bin/reward-worker exist in its picocli model. Skipped
 * per subcommand while that subcommand is not implemented yet.
 */
class WorkerLauncherOptionsTest {

    @Test
    void everyWorkerOptionOfTheContractIsAnOptionOfTheLauncher() {
        Map<String, CommandLine> subcommands = new CommandLine(new RewardWorkerCommand()).getSubcommands();
        Set<String> missingSubcommands = new TreeSet<>();
        Set<String> missingOptions = new TreeSet<>();
        DeployContract.LAUNCHER_OPTIONS.forEach((command, options) -> {
            if (!command.startsWith("reward-worker ")) {
                return;
            }
            String sub = command.substring("reward-worker ".length());
            CommandLine cl = subcommands.get(sub);
            if (cl == null) {
                missingSubcommands.add(sub);
                return;
            }
            for (String option : options) {
                if (!cl.getCommandSpec().optionsMap().containsKey(option)) {
                    missingOptions.add(command + " " + option);
                }
            }
        });
        assertTrue(missingOptions.isEmpty(), "the deploy files use options bin/reward-worker does not have: "
                + missingOptions + " (update the launcher or DeployContract.LAUNCHER_OPTIONS)");
        Assumptions.assumeTrue(missingSubcommands.isEmpty(),
                "reward-worker has no subcommand(s) " + missingSubcommands + " yet; their options were not compared");
    }
}
