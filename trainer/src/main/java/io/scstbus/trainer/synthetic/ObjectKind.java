package io.scstbus.trainer.synthetic;

import java.util.List;

/**
 * The objects a synthetic scene can hold, with the phrase captions and count dictionaries use for them.
 *
 * <p>Every kind is countable. Roads and rivers are linear features that cross the whole image; a scene
 * has at most two roads and one river, and they count like any other object ({@code "road": 2}).
 */
public enum ObjectKind {
    STORAGE_TANK("storage tank", "storage tanks", 12, false, true, List.of(Tone.WHITE, Tone.GRAY)),
    TENNIS_COURT("tennis court", "tennis courts", 4, false, true, List.of(Tone.GREEN, Tone.BLUE)),
    PLANE("plane", "planes", 8, false, true, List.of(Tone.WHITE, Tone.GRAY)),
    BUILDING("building", "buildings", 10, false, true, List.of(Tone.WHITE, Tone.GRAY, Tone.RED, Tone.BLUE)),
    TREE("tree", "trees", 12, false, true, List.of(Tone.GREEN)),
    SHIP("ship", "ships", 10, false, true, List.of(Tone.WHITE, Tone.GRAY)),
    ROAD("road", "roads", 2, true, false, List.of(Tone.GRAY)),
    RIVER("river", "rivers", 1, true, false, List.of(Tone.BLUE));

    private final String lemma;
    private final String plural;
    private final int maxCount;
    private final boolean linear;
    private final boolean toneInCaptions;
    private final List<Tone> tones;

    ObjectKind(String lemma, String plural, int maxCount, boolean linear, boolean toneInCaptions,
            List<Tone> tones) {
        this.lemma = lemma;
        this.plural = plural;
        this.maxCount = maxCount;
        this.linear = linear;
        this.toneInCaptions = toneInCaptions;
        this.tones = tones;
    }

    /** The singular phrase, the key of the count dictionary: {@code storage tank}. */
    public String lemma() {
        return lemma;
    }

    public String plural() {
        return plural;
    }

    /** The phrase for {@code count} objects without the number: {@code tennis court(s)}. */
    public String noun(int count) {
        return count == 1 ? lemma : plural;
    }

    /** The most objects of this kind a scene holds. */
    public int maxCount() {
        return maxCount;
    }

    /** Roads and rivers: cross the image edge to edge instead of sitting at one place. */
    public boolean linear() {
        return linear;
    }

    /** Whether captions may name the colour ({@code white planes}); not for roads and rivers. */
    public boolean toneInCaptions() {
        return toneInCaptions;
    }

    /** The colours this kind is drawn in. */
    public List<Tone> tones() {
        return tones;
    }

    /** The kind whose lemma or plural is {@code phrase}, or {@code null}. */
    public static ObjectKind fromPhrase(String phrase) {
        for (ObjectKind kind : values()) {
            if (kind.lemma.equals(phrase) || kind.plural.equals(phrase)) {
                return kind;
            }
        }
        return null;
    }
}
