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
        List<ReferenceContext> contexts = images.stream()
                .map(e -> new ReferenceContext(dataset, e.imageId(), e.captions(), e.counts(), List.of())).toList();
        return new EvalResult(label, images.size(), means(registry, signals, contexts, captions),
                CaptionEvaluator.examples(images, captions));
    }

    /**
     * Per signal the mean of its OK values over the images ({@code captions.get(i)} scored against
     * {@code contexts.get(i)}); a signal the registry lacks is left out, one that throws counts as not OK.
     */
    public static Map<String, SignalStats> means(SignalRegistry registry, List<String> signals,
                                                 List<ReferenceContext> contexts, List<String> captions) {
        Map<String, SignalStats> out = new LinkedHashMap<>();
        for (String name : signals) {
            Optional<Signal> signal = registry.find(name);
            if (signal.isEmpty()) {
                continue;
            }
            double sum = 0;
            int ok = 0;
            int notOk = 0;
            for (int i = 0; i < contexts.size(); i++) {
                SignalResult result;
                try {
                    result = signal.get().score(captions.get(i), contexts.get(i));
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
        return out;
    }
}
