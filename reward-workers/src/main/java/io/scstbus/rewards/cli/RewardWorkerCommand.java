package io.scstbus.rewards.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

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
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The launcher that runs {@code args}. When they start with a subcommand's name, only that subcommand
     * is built: picocli builds the model of every subcommand it is given, a tenth of a second that a
     * command of a second or two ({@code score}) would spend on nine commands it does not run. Otherwise
     * (no arguments, top-level options, {@code help}) the whole launcher.
     */
    static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> subcommand : RewardWorkerCommand.class.getAnnotation(Command.class).subcommands()) {
                String name = subcommand.getAnnotation(Command.class).name();
                if (name.equals(args[0]) && subcommand != CommandLine.HelpCommand.class) {
                    CommandSpec launcher = CommandSpec.wrapWithoutInspection(new RewardWorkerCommand())
                            .name(RewardWorkerCommand.class.getAnnotation(Command.class).name());
                    launcher.addSubcommand(name, new CommandLine(subcommand));
                    return new CommandLine(launcher);
                }
            }
        }
        return new CommandLine(new RewardWorkerCommand());
    }
}
