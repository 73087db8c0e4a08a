package io.scstbus.trainer.synthetic;

import java.util.List;

/**
 * The ground a scene is drawn on, with the object kinds that make sense there: the first kinds a scene
 * is "about" (its main kind) and the kinds that may accompany it.
 */
public enum Background {
    FIELD(List.of(ObjectKind.BUILDING, ObjectKind.TREE, ObjectKind.STORAGE_TANK),
            List.of(ObjectKind.TREE, ObjectKind.BUILDING, ObjectKind.ROAD, ObjectKind.RIVER)),
    MEADOW(List.of(ObjectKind.TENNIS_COURT, ObjectKind.STORAGE_TANK, ObjectKind.TREE, ObjectKind.BUILDING),
            List.of(ObjectKind.TREE, ObjectKind.BUILDING, ObjectKind.ROAD, ObjectKind.RIVER,
                    ObjectKind.TENNIS_COURT, ObjectKind.SHIP)),
    WATER(List.of(ObjectKind.SHIP),
            List.of(ObjectKind.BUILDING, ObjectKind.STORAGE_TANK, ObjectKind.TREE)),
    URBAN(List.of(ObjectKind.PLANE, ObjectKind.BUILDING, ObjectKind.STORAGE_TANK, ObjectKind.TENNIS_COURT),
            List.of(ObjectKind.BUILDING, ObjectKind.ROAD, ObjectKind.TREE, ObjectKind.STORAGE_TANK, ObjectKind.PLANE));

    private final List<ObjectKind> mainKinds;
    private final List<ObjectKind> companions;

    Background(List<ObjectKind> mainKinds, List<ObjectKind> companions) {
        this.mainKinds = mainKinds;
        this.companions = companions;
    }

    /** Kinds a scene on this ground can be mainly about. */
    public List<ObjectKind> mainKinds() {
        return mainKinds;
    }

    /** Kinds that may accompany the main kind (ships only where there is water: a river or the sea). */
    public List<ObjectKind> companions() {
        return companions;
    }
}
