package io.scstbus.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code --help} of the trainer renders cleanly: picocli prints a "[picocli WARN]" line to stderr
 * when a description holds an unescaped '%' (the sweep's "95 % t-interval" did), and the user sees it.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        List<String> warnings = new ArrayList<>();
        List<String> rendered = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            collect(new CommandLine(new TrainerCommand()), rendered);
        } finally {
            System.setErr(err);
        }
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("picocli WARN")) {
                warnings.add(line);
            }
        }
        assertFalse(rendered.isEmpty());
        assertEquals(List.of(), warnings, "help of " + rendered);
    }

    private static void collect(CommandLine command, List<String> rendered) {
        String usage = command.getUsageMessage();
        assertFalse(usage.isBlank(), command.getCommandName());
        rendered.add(command.getCommandName());
        command.getSubcommands().values().forEach(sub -> collect(sub, rendered));
    }
}
