package io.scstbus.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Captions read like RSICD and never contradict the counts. */
class CaptionTest {

    private static final Set<String> ADJECTIVES = Set.of("white", "gray", "green", "blue", "red", "curved");
    private static final int IMAGES = 400;
    private final SyntheticGenerator generator =
            new SyntheticGenerator(SyntheticConfig.defaults().withImages(IMAGES).withSeed(3));

    /** A quantity word followed by an object phrase in a caption. */
    private record Mention(String quantity, ObjectKind kind, String noun) { }

    /** Every "quantity [colour] object" in the caption, e.g. {@code three white storage tanks}. */
    private static List<Mention> mentions(String caption) {
        List<String> t = CaptionWriter.tokens(caption);
        List<Mention> found = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String q = t.get(i);
            if (Quantities.value(q) < 0 && !Quantities.isVague(q)) {
                continue;
            }
            int j = i + 1;
            while (j < t.size() && ADJECTIVES.contains(t.get(j))) {
                j++;
            }
            String two = j + 1 < t.size() ? t.get(j) + " " + t.get(j + 1) : "";
            String one = j < t.size() ? t.get(j) : "";
            String noun = ObjectKind.fromPhrase(two) != null ? two : one;
            ObjectKind kind = ObjectKind.fromPhrase(noun);
            if (kind != null) {
                found.add(new Mention(q, kind, noun));
            }
        }
        return found;
    }

    @Test
    void everyImageHasFiveLowercaseCaptionsEndingInSpacePeriod() {
        for (int i = 0; i < IMAGES; i++) {
            SyntheticSample sample = generator.sample(i);
            assertEquals(5, sample.captions().size(), sample.id());
            for (String caption : sample.captions()) {
                assertEquals(caption.toLowerCase(Locale.ROOT), caption);
                assertTrue(caption.endsWith(" .") && !caption.contains("  "), caption);
            }
        }
    }

    @Test
    void numbersInCaptionsEqualTheCounts() {
        int numbers = 0;
        for (int i = 0; i < IMAGES; i++) {
            SyntheticSample sample = generator.sample(i);
            Map<ObjectKind, Integer> counts = sample.scene().countsByKind();
            for (String caption : sample.captions()) {
                for (Mention m : mentions(caption)) {
                    int count = counts.getOrDefault(m.kind(), 0);
                    assertTrue(count > 0, sample.id() + ": '" + caption + "' names an absent " + m.kind());
                    assertEquals(count == 1 ? m.kind().lemma() : m.kind().plural(), m.noun(), caption);
                    if (!Quantities.isVague(m.quantity())) {
                        assertEquals(count, Quantities.value(m.quantity()), sample.id() + ": '" + caption + "'");
                        numbers++;
                    }
                }
            }
        }
        assertTrue(numbers > 2000, "only " + numbers + " numbers checked");
    }

    @Test
    void vagueQuantitiesOnlyForLargeCounts() {
        Set<String> used = new HashSet<>();
        for (int i = 0; i < IMAGES; i++) {
            SyntheticSample sample = generator.sample(i);
            Map<ObjectKind, Integer> counts = sample.scene().countsByKind();
            for (String caption : sample.captions()) {
                for (Mention m : mentions(caption)) {
                    if (!Quantities.isVague(m.quantity())) {
                        continue;
                    }
                    int count = counts.get(m.kind());
                    used.add(m.quantity());
                    assertTrue(count >= Quantities.VAGUE_FROM, caption + " for " + count);
                    assertTrue(m.quantity().equals("many") == count >= 8, caption + " for " + count);
                }
            }
        }
        assertEquals(Set.of("several", "some", "many"), used);
    }

    @Test
    void everyObjectWordIsCountedAndSomeCaptionNamesEveryKind() {
        for (int i = 0; i < IMAGES; i++) {
            SyntheticSample sample = generator.sample(i);
            Set<ObjectKind> present = sample.scene().countsByKind().keySet();
            boolean exhaustive = false;
            for (String caption : sample.captions()) {
                Set<ObjectKind> named = EnumSet.noneOf(ObjectKind.class);
                mentions(caption).forEach(m -> named.add(m.kind()));
                assertFalse(named.isEmpty(), caption);
                exhaustive |= named.equals(present);
                long objectWords = CaptionWriter.tokens(caption).stream()
                        .filter(w -> ObjectKind.fromPhrase(w) != null || w.equals("storage") || w.equals("tennis"))
                        .count();
                assertEquals(mentions(caption).size(), objectWords, "an object without a quantity: " + caption);
            }
            assertTrue(exhaustive, sample.id() + ": no caption names every object kind");
        }
    }

    @Test
    void captionsVaryAndOmitObjectsAcrossTheDataset() {
        Set<String> frames = new HashSet<>();
        int omitting = 0;
        int multiKind = 0;
        for (int i = 0; i < IMAGES; i++) {
            SyntheticSample sample = generator.sample(i);
            Set<ObjectKind> present = sample.scene().countsByKind().keySet();
            if (present.size() > 1) {
                multiKind++;
            }
            for (String caption : sample.captions()) {
                List<String> t = CaptionWriter.tokens(caption);
                frames.add(t.get(0) + " " + (t.contains("near") ? "near" : t.contains("with") ? "with" : "-"));
                Set<ObjectKind> named = EnumSet.noneOf(ObjectKind.class);
                mentions(caption).forEach(m -> named.add(m.kind()));
                omitting += present.size() > 1 && !named.equals(present) ? 1 : 0;
            }
        }
        assertTrue(frames.size() >= 20, "few sentence shapes: " + frames);
        assertTrue(omitting > multiKind, "too few captions omit objects: " + omitting);
    }

    @Test
    void vocabularyStaysSmall() {
        Set<String> vocabulary = new HashSet<>();
        SyntheticGenerator big = new SyntheticGenerator(SyntheticConfig.defaults().withImages(2000));
        for (int i = 0; i < 2000; i++) {
            big.sample(i).captions().forEach(c -> vocabulary.addAll(CaptionWriter.tokens(c)));
        }
        assertTrue(vocabulary.size() >= 50 && vocabulary.size() <= 300, vocabulary.size() + " words: " + vocabulary);
    }
}
