package io.scstbus.rewards.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/reward-worker}: serve signals over Kafka, or use the signal library from the shell. */
@Command(name = "reward-worker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reward workers for scst-bus: compute SCST reward signals for rollouts on Kafka.",
        subcommands = {
            CommandLine.HelpCommand.class,
            RunCommand.class,
            LoadReferencesCommand.class,
            CreateTopicsCommand.class,
            SignalsCommand.class,
            ScoreCommand.class,
            ParseGraphsCommand.class,
            BuildCountsCommand.class,
            ServeGraphsCommand.class,
            BenchCommand.class,
        })
public final class RewardWorkerCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new RewardWorkerCommand()).execute(args));
    }
}
