package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The replay command line, without a broker. */
class ReplayCommandTest {

    @Test
    void helpListsEveryOption() {
        CommandLine cli = new CommandLine(new ReplayCommand());
        String help = cli.getUsageMessage();
        for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
            assertTrue(help.contains(option.longestName()), option.longestName());
            assertTrue(option.description().length > 0, option.longestName() + " has a description");
        }
        for (String name : List.of("--bootstrap", "--run", "--from-step", "--to-step", "--out", "--rescore", "--signals",
                "--weights", "--via-workers")) {
            assertTrue(help.contains(name), name);
        }
    }

    @Test
    void weightsPairWithSignalsInOrder() {
        ReplayCommand command = new ReplayCommand();
        new CommandLine(command).parseArgs("--bootstrap", "h:1", "--run", "r", "--out", "o", "--rescore",
                "--signals", "cider_d,sde", "--weights", "1,-0.5");
        assertEquals(Map.of("cider_d", 1.0, "sde", -0.5), command.rescoreWeights());
        assertEquals(List.of("cider_d", "sde"), List.copyOf(command.rescoreWeights().keySet()));
    }

    @Test
    void signalsWithoutRescoreAreRejected() {
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new ReplayCommand()).setErr(new PrintWriter(err))
                .execute("--bootstrap", "h:1", "--run", "r", "--out", "o", "--signals", "cider_d");
        assertEquals(2, rc);
        assertTrue(err.toString().contains("need --rescore"), err.toString());
    }
}
