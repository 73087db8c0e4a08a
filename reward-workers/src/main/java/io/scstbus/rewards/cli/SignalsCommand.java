package io.scstbus.rewards.cli;

import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.worker.StandardSignals;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code reward-worker signals}: the signal names (the contract) with one line each. */
@Command(name = "signals", mixinStandardHelpOptions = true,
        description = "Lists the signals a worker can compute, with their versions and one-line descriptions.")
public final class SignalsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (Signal signal : new StandardSignals().createAll().all()) {
            System.out.printf("%-14s %-16s %s%n", signal.name(), signal.version(), signal.description());
        }
        return 0;
    }
}
