package io.scstbus.rewards.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A launcher invocation found in a deployment file: image -> launcher (reward-worker or trainer),
 * the subcommand if any, and its options, for the tests that read option values. Whether the options
 * exist and parse is the launchers' own business: ContainerCommandsParseTest (trainer module) parses
 * every container command with their picocli models.
 */
record LauncherCommand(String launcher, String image, String command, Map<String, String> options, List<String> problems) {

    static LauncherCommand parse(String image, List<String> args) {
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        String launcher = repository.substring(repository.lastIndexOf('/') + 1);
        List<String> problems = new ArrayList<>();
        int i = 0;
        String command = launcher;
        if (launcher.equals("reward-worker")) {
            if (args.isEmpty() || args.get(0).startsWith("-")) {
                problems.add("reward-worker needs a subcommand first, got " + args);
            } else {
                command = launcher + " " + args.get(0);
                i = 1;
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (; i < args.size(); i++) {
            String token = args.get(i);
            if (!token.startsWith("--")) {
                problems.add("unexpected argument '" + token + "' (options are --name value)");
                continue;
            }
            String option = token;
            String value;
            int eq = token.indexOf('=');
            if (eq > 0) {
                option = token.substring(0, eq);
                value = token.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                problems.add(option + " has no value");
                value = "";
            }
            if (options.put(option, value) != null) {
                problems.add(option + " given twice");
            }
        }
        return new LauncherCommand(launcher, image, command, options, List.copyOf(problems));
    }

    String option(String name) {
        return options.get(name);
    }

    boolean isWorkerRun() {
        return command.equals("reward-worker run");
    }

    boolean isTrainer() {
        return command.equals("trainer");
    }
}
