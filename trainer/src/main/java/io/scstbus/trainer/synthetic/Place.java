package io.scstbus.trainer.synthetic;

import java.util.List;
import java.util.Random;

/**
 * How captions name where a scene is: a locative ({@code on the meadow}, {@code in an airport}) and a
 * noun phrase ({@code a green meadow}). Concrete ground is named by what stands on it, as RSICD does.
 */
record Place(List<String> locatives, List<String> nominals) {

    static Place of(Scene scene) {
        var kinds = scene.countsByKind().keySet();
        return switch (scene.background()) {
            case FIELD -> new Place(List.of("on the farmland", "in the farmland"), List.of("a farmland"));
            case MEADOW -> new Place(List.of("on the meadow", "on a green meadow"),
                    List.of("a meadow", "a green meadow"));
            case WATER -> scene.shore() == null
                    ? new Place(List.of("in the sea", "on the sea"), List.of("the sea"))
                    : new Place(List.of("in a port", "in the sea"), List.of("a port"));
            case URBAN -> kinds.contains(ObjectKind.PLANE)
                    ? new Place(List.of("in an airport", "in the airport"), List.of("an airport"))
                    : kinds.contains(ObjectKind.STORAGE_TANK)
                    ? new Place(List.of("in an industrial area"), List.of("an industrial area"))
                    : kinds.contains(ObjectKind.TENNIS_COURT)
                    ? new Place(List.of("in an urban area"), List.of("an urban area"))
                    : new Place(List.of("in a residential area"), List.of("a residential area"));
        };
    }

    String locative(Random rng) {
        return locatives.get(rng.nextInt(locatives.size()));
    }

    String nominal(Random rng) {
        return nominals.get(rng.nextInt(nominals.size()));
    }
}
