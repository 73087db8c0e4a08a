package io.scstbus.trainer.synthetic;

/** A strip of quay along one edge of a water scene, where buildings, tanks and trees may stand. */
public record Shore(Edge edge, double depth) {

    /** The image edge the strip runs along. */
    public enum Edge { NORTH, EAST, SOUTH, WEST }

    public Shore {
        if (edge == null || !(depth > 0)) {
            throw new IllegalArgumentException("shore needs an edge and a positive depth, got " + edge + ", " + depth);
        }
    }
}
