package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StandardSignalsTest {

    private final StandardSignals all = new StandardSignals(
            StandardSignals.corpusStats(List.of(Rollouts.references("img1", "two planes are parked ."))), null);

    @Test
    void registryBuildsExactlyTheContractNames() {
        assertEquals(Set.copyOf(StandardSignals.CONTRACT), Set.copyOf(all.names()));
    }

    @Test
    void everySignalHasAOneLineDescription() {
        SignalRegistry registry = all.create(List.of("vocab_kl", "length", "cider_d"));
        for (Signal signal : registry.all()) {
            assertFalse(signal.description().isBlank() || signal.description().contains("\n"), signal.name());
        }
        assertEquals("KL(training unigrams || last 10000 generated tokens of the run), nats; stateful",
                registry.get("vocab_kl").description());
    }

    @Test
    void cacheHitsAndMissesAreExposedAsMetrics() {
        StandardSignals standard = new StandardSignals(null, null);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        standard.bindCacheMetrics(meters, "cheap");
        Signal bleu = standard.create(List.of("bleu_4")).get("bleu_4");
        ReferenceContext refs = ReferenceContext.of("ucm", "img1", List.of("two planes are parked near a building ."));
        bleu.score("two planes near a building", refs);
        bleu.score("a plane near a building", refs);

        double hits = meters.get("scstbus.cache.hits").tag("cache", "reference_tokens").functionCounter().count();
        double misses = meters.get("scstbus.cache.misses").tag("cache", "reference_tokens").functionCounter().count();
        assertTrue(misses >= 1, "the first lookup of the image's references computes: " + misses);
        assertTrue(hits >= 1, "the second finds them: " + hits);
        assertEquals(0.0, meters.get("scstbus.cache.hits").tag("cache", "scene_graphs").functionCounter().count(),
                "no object signal, no parse");
    }

    @Test
    void vocabKlWindowIsConfigurable() {
        String description = new StandardSignals(null, null, 500).create(List.of("vocab_kl")).get("vocab_kl")
                .description();

        assertEquals(Set.of("500"), List.of(description.split(" ")).stream().filter(w -> w.matches("\\d+"))
                .collect(Collectors.toSet()));
    }
}
