package io.scstbus.rewards.signals;

import java.util.Locale;
import java.util.Map;

/**
 * Maps object-detector class names to the phrases captions use: DIOR runs words together
 * ({@code storagetank}, {@code tenniscourt}) or hyphenates them ({@code Expressway-Service-area}).
 * Unknown names are lower-cased with hyphens and underscores read as spaces.
 */
public final class DetectorClasses {

    private static final Map<String, String> DIOR = Map.ofEntries(
            Map.entry("storagetank", "storage tank"),
            Map.entry("tenniscourt", "tennis court"),
            Map.entry("baseballfield", "baseball field"),
            Map.entry("basketballcourt", "basketball court"),
            Map.entry("groundtrackfield", "ground track field"),
            Map.entry("golffield", "golf field"),
            Map.entry("trainstation", "train station"),
            Map.entry("expressway-service-area", "service area"),
            Map.entry("expressway-toll-station", "toll station"),
            Map.entry("airplane", "airplane"),
            Map.entry("vehicle", "vehicle"),
            Map.entry("ship", "ship"),
            Map.entry("bridge", "bridge"),
            Map.entry("overpass", "overpass"),
            Map.entry("windmill", "windmill"),
            Map.entry("harbor", "harbor"),
            Map.entry("airport", "airport"),
            Map.entry("stadium", "stadium"),
            Map.entry("dam", "dam"),
            Map.entry("chimney", "chimney"));

    private DetectorClasses() {
    }

    /** The caption phrase for a detector class name. */
    public static String phrase(String className) {
        String key = className.strip().toLowerCase(Locale.ROOT);
        String known = DIOR.get(key);
        return known != null ? known : key.replace('-', ' ').replace('_', ' ').replaceAll("\\s+", " ");
    }
}
