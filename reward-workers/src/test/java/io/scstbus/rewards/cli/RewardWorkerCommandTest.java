package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

class RewardWorkerCommandTest {

    private static final CommandLine WHOLE = new CommandLine(new RewardWorkerCommand());

    @Test
    void aSubcommandNamedFirstIsTheOnlyOneBuilt() {
        CommandLine launcher = RewardWorkerCommand.commandLine("score", "--tokenize", "none");
        assertEquals(Set.of("score"), launcher.getSubcommands().keySet());
    }

    @Test
    void everySubcommandHasTheSameHelpWhenBuiltAlone() {
        for (String name : WHOLE.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine alone = RewardWorkerCommand.commandLine(name, "--help").getSubcommands().get(name);
            assertEquals(WHOLE.getSubcommands().get(name).getUsageMessage(Ansi.OFF), alone.getUsageMessage(Ansi.OFF),
                    name + " --help");
        }
    }

    @Test
    void aBadOptionFailsTheSameWayWhenTheSubcommandIsBuiltAlone() {
        String[] args = {"score", "--metrics", "meteor"};
        StringWriter wholeErr = new StringWriter();
        StringWriter aloneErr = new StringWriter();
        int whole = new CommandLine(new RewardWorkerCommand()).setErr(new PrintWriter(wholeErr)).execute(args);
        int alone = RewardWorkerCommand.commandLine(args).setErr(new PrintWriter(aloneErr)).execute(args);
        assertEquals(2, whole);
        assertEquals(whole, alone);
        assertEquals(wholeErr.toString(), aloneErr.toString());
        assertTrue(aloneErr.toString().contains("Usage: reward-worker score"), aloneErr.toString());
    }

    @Test
    void withoutASubcommandFirstTheWholeLauncherIsBuilt() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("help", "score"),
                List.of("no-such-command"))) {
            assertEquals(WHOLE.getSubcommands().keySet(),
                    RewardWorkerCommand.commandLine(args.toArray(String[]::new)).getSubcommands().keySet(),
                    args.toString());
        }
    }
}
