package io.scstbus.trainer.train;

import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalRegistry;
import io.scstbus.rewards.signals.SignalResult;
import io.scstbus.trainer.data.Example;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores in the trainer's process with the same pure signals the workers run: no bus, no deadline.
 * A signal the registry does not have is left out of the result; a signal that throws counts as not OK.
 */
public final class RegistryEvaluator implements CaptionEvaluator {

    private final SignalRegistry registry;
    private final List<String> signals;
    private final String dataset;

    public RegistryEvaluator(SignalRegistry registry, List<String> signals, String dataset) {
        this.registry = registry;
        this.signals = List.copyOf(signals);
        this.dataset = dataset;
    }

    @Override
    public EvalResult evaluate(String label, long sequence, List<Example> images, List<String> captions) {
        Map<String, SignalStats> out = new LinkedHashMap<>();
        for (String name : signals) {
            Optional<Signal> signal = registry.find(name);
            if (signal.isEmpty()) {
                continue;
            }
            double sum = 0;
            int ok = 0;
            int notOk = 0;
            for (int i = 0; i < images.size(); i++) {
                Example e = images.get(i);
                ReferenceContext context = new ReferenceContext(dataset, e.imageId(), e.captions(), e.counts(), List.of());
                SignalResult result;
                try {
                    result = signal.get().score(captions.get(i), context);
                } catch (RuntimeException ex) {
                    result = SignalResult.error(ex.toString());
                }
                if (result.isOk()) {
                    sum += result.value();
                    ok++;
                } else {
                    notOk++;
                }
            }
            out.put(name, new SignalStats(ok == 0 ? Double.NaN : sum / ok, ok, notOk));
        }
        return new EvalResult(label, images.size(), out, CaptionEvaluator.examples(images, captions));
    }
}
