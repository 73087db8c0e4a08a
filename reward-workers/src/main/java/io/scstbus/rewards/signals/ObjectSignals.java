package io.scstbus.rewards.signals;

import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.text.WordNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The object signals over one shared {@link ObjectAlignment}, and the details they all report.
 * Register them with {@code new SignalRegistry(ObjectSignals.all(parser))} (or add them to a list).
 */
public final class ObjectSignals {

    private ObjectSignals() {
    }

    /** sde, count_abs, count_signed, count_coverage, oversight, hallucination; {@code parser} should be a caching one. */
    public static List<Signal> all(SceneGraphParser parser) {
        ObjectAlignment alignment = new ObjectAlignment(parser, new ObjectMatcher(WordNet.shared()));
        return List.of(new SdeSignal(alignment), new CountAbsSignal(alignment), new CountSignedSignal(alignment),
                new CountCoverageSignal(alignment), new OversightSignal(alignment), new HallucinationSignal(alignment));
    }

    /** Matched, missing and hallucinated objects, count errors, and sizes as extras. */
    static SignalDetails details(ObjectAlignment.Alignment a) {
        List<CountError> errors = new ArrayList<>();
        List<CountError> counted = new ArrayList<>();
        for (ObjectAlignment.CountPair pair : a.counted()) {
            CountError pairError = new CountError(pair.object(), pair.generated(), pair.reference());
            counted.add(pairError);
            if (pair.generated() != pair.reference()) {
                errors.add(pairError);
            }
        }
        return new SignalDetails(a.matched(), a.missing(), a.hallucinated(), errors, Map.of(
                "candidate_objects", (double) a.candidate().size(),
                "reference_objects", (double) a.references().size(),
                "aligned_counts", (double) a.counted().size(),
                "uncounted_counts", (double) a.uncounted().size()), counted);
    }

    static SignalResult invalid(String reason, SignalDetails details) {
        return new SignalResult(Status.INVALID, 0.0, reason, details);
    }

    static final String NO_REFERENCE_OBJECTS = "the references name no objects (captions and count dictionary)";
}
