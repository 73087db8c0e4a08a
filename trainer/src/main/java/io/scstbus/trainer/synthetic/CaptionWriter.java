package io.scstbus.trainer.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Writes five reference captions for a scene the way RSICD annotators write: lowercase, a space before
 * the final period, varied sentence frames, not every caption naming every object (one of the five
 * does), counts as {@link Quantities} says, colour words now and then.
 */
public final class CaptionWriter {

    public static final int CAPTIONS_PER_IMAGE = 5;

    private static final double MENTION_MAIN = 0.9;
    private static final double MENTION_OTHER = 0.5;
    private static final double SAY_COLOUR = 0.4;

    public List<String> write(Scene scene, Random rng) {
        List<ObjectKind> kinds = salienceOrder(scene);
        int exhaustive = rng.nextInt(CAPTIONS_PER_IMAGE);
        List<String> captions = new ArrayList<>(CAPTIONS_PER_IMAGE);
        for (int k = 0; k < CAPTIONS_PER_IMAGE; k++) {
            List<ObjectKind> mentioned = k == exhaustive ? kinds : subset(kinds, rng);
            captions.add(sentence(scene, mentioned, rng));
        }
        return captions;
    }

    /** The Karpathy tokens of a caption: its words, without punctuation. */
    public static List<String> tokens(String caption) {
        List<String> tokens = new ArrayList<>();
        for (String word : caption.split(" ")) {
            String w = word.replace(",", "");
            if (!w.isEmpty() && !w.equals(".")) {
                tokens.add(w);
            }
        }
        return tokens;
    }

    /** Compact kinds in the order they were placed (main kind first), then roads and rivers. */
    static List<ObjectKind> salienceOrder(Scene scene) {
        List<ObjectKind> compact = new ArrayList<>();
        List<ObjectKind> linear = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            List<ObjectKind> list = o.kind().linear() ? linear : compact;
            if (!list.contains(o.kind())) {
                list.add(o.kind());
            }
        }
        compact.addAll(linear);
        return compact;
    }

    private static List<ObjectKind> subset(List<ObjectKind> kinds, Random rng) {
        List<ObjectKind> chosen = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (rng.nextDouble() < (i == 0 ? MENTION_MAIN : MENTION_OTHER)) {
                chosen.add(kinds.get(i));
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(kinds.get(0));
        }
        if (chosen.size() > 1 && !chosen.get(1).linear() && rng.nextDouble() < 0.3) {
            chosen.add(0, chosen.remove(1));
        }
        return chosen;
    }

    private static String sentence(Scene scene, List<ObjectKind> kinds, Random rng) {
        Map<ObjectKind, Integer> counts = scene.countsByKind();
        Function<ObjectKind, String> np = kind -> phrase(kind, counts.get(kind), scene.toneOf(kind), rng);
        Place place = Place.of(scene);
        String where = place.locative(rng);
        if (kinds.size() == 1 || rng.nextDouble() < 0.3) {
            boolean plural = kinds.size() > 1 || counts.get(kinds.get(0)) > 1;
            String all = join(kinds.stream().map(np).toList());
            String be = plural ? "are" : "is";
            List<String> frames = new ArrayList<>(List.of(
                    "there " + be + " " + all + " " + where,
                    all + " " + be + " " + where,
                    place.nominal(rng) + " with " + all,
                    "we can see " + all + " " + where,
                    all + " " + be + " located " + where));
            if (kinds.stream().allMatch(CaptionWriter::parks)) {
                frames.add(all + " " + be + " parked " + where);
            }
            return frames.get(rng.nextInt(frames.size())) + " .";
        }
        int split = kinds.size() >= 3 && rng.nextDouble() < 0.3 ? 2 : 1;
        List<ObjectKind> subject = kinds.subList(0, split);
        List<ObjectKind> object = kinds.subList(split, kinds.size());
        boolean plural = split > 1 || counts.get(subject.get(0)) > 1;
        String s = join(subject.stream().map(np).toList());
        String o = join(object.stream().map(np).toList());
        String be = plural ? "are" : "is";
        List<String> frames = new ArrayList<>(List.of(
                s + " " + be + " near " + o,
                s + " " + be + " next to " + o,
                "there " + be + " " + s + " near " + o,
                s + " " + be + " near " + o + " " + where));
        if (object.stream().allMatch(k -> k == ObjectKind.TREE || k == ObjectKind.BUILDING)) {
            frames.add(s + " " + be + " surrounded by " + o);
        }
        if (subject.stream().allMatch(CaptionWriter::parks)) {
            frames.add(s + " " + be + " parked near " + o);
        }
        return frames.get(rng.nextInt(frames.size())) + " .";
    }

    private static boolean parks(ObjectKind kind) {
        return kind == ObjectKind.PLANE || kind == ObjectKind.SHIP;
    }

    /** A noun phrase: quantity, maybe a colour word, the noun: {@code three white storage tanks}. */
    static String phrase(ObjectKind kind, int count, Tone tone, Random rng) {
        String quantity = kind.linear() && count == 1 ? "a" : Quantities.say(count, rng);
        StringBuilder sb = new StringBuilder(quantity).append(' ');
        if (kind.toneInCaptions() && rng.nextDouble() < SAY_COLOUR) {
            sb.append(tone.adjective()).append(' ');
        } else if (kind == ObjectKind.RIVER && rng.nextDouble() < 0.3) {
            sb.append("curved ");
        }
        return sb.append(kind.noun(count)).toString();
    }

    private static String join(List<String> phrases) {
        if (phrases.size() == 1) {
            return phrases.get(0);
        }
        String head = String.join(", ", phrases.subList(0, phrases.size() - 1));
        return head + " and " + phrases.get(phrases.size() - 1);
    }
}
