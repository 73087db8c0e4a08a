package io.scstbus.rewards.cli;

import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.worker.StandardSignals;
import io.scstbus.rewards.worker.WorkerGroup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code reward-worker signals}: the signal names (the contract) with one line each. */
@Command(name = "signals", mixinStandardHelpOptions = true,
        description = "Lists the signals a worker can compute, with the standard worker group that serves each "
                + "(--group), their versions and one-line descriptions.")
public final class SignalsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (Signal signal : new StandardSignals().createAll().all()) {
            String group = WorkerGroup.serving(signal.name()).map(WorkerGroup::label).orElse("-");
            System.out.printf("%-14s %-11s %-16s %s%n", signal.name(), group, signal.version(), signal.description());
        }
        return 0;
    }
}
