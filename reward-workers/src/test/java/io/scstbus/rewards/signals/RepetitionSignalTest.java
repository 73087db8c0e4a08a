package io.scstbus.rewards.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.TestData;
import io.scstbus.rewards.text.PtbTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepetitionSignalTest {

    private final RepetitionSignal signal = new RepetitionSignal(new ReferenceTokens(new PtbTokenizer()));
    private final ReferenceContext refs = ReferenceContext.of("rsicd", "x", List.of("a river near a forest ."));

    @Test
    void aRepeatedObjectIsHalfOfTwoContentTokensAndNamedInTheDetails() {
        SignalResult r = signal.score("a river and a river", refs);
        assertEquals(0.5, r.value(), 1e-12);
        assertEquals(2.0, r.details().extra().get(RepetitionSignal.REPEATED_PREFIX + "river"));
    }

    @Test
    void aRepeatedPhraseIsReportedOnceAsItsLongestForm() {
        SignalResult r = signal.score("green trees near green trees", refs);
        assertEquals(2.0 / 4, r.value(), 1e-12);
        assertEquals(2.0, r.details().extra().get(RepetitionSignal.REPEATED_PREFIX + "green trees"));
        assertEquals(null, r.details().extra().get(RepetitionSignal.REPEATED_PREFIX + "trees"));
    }

    @Test
    void repeatedFunctionAndNumberWordsAreNotRepetition() {
        assertEquals(0.0, signal.score("two planes and two cars are in the airport near the road", refs).value());
    }

    @Test
    void anEmptyCaptionIsOkZeroWithoutContentTokens() {
        SignalResult r = signal.score("", refs);
        assertEquals(Status.OK, r.status());
        assertEquals(0.0, r.details().extra().get("content_tokens"));
    }

    @Test
    void fewRealRsicdCaptionsRepeatAContentWord() throws Exception {
        List<CountingSample.Row> rows = CountingSample.read(TestData.data("rsicd/counting-sample.tsv"));
        long repeating = rows.stream().filter(r -> signal.score(r.caption(), refs).value() > 0).count();
        // human captions repeat now and then ("green trees ... green meadows"); a policy that does it often is gaming
        assertTrue(repeating < 0.15 * rows.size(), repeating + " of " + rows.size() + " captions repeat");
    }
}
