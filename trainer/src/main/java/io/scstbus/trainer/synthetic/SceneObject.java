package io.scstbus.trainer.synthetic;

/**
 * One object of a scene, in pixels of the scene's image. Everything needed to draw it is here, so
 * rendering is a pure function of the scene.
 *
 * <ul>
 *   <li>Compact objects: centre ({@code x}, {@code y}), {@code length} along the heading, {@code width}
 *       across it, heading {@code angle} in radians (0 = pointing east); {@code bend} and {@code phase}
 *       are 0.</li>
 *   <li>Road: a straight strip through ({@code x}, {@code y}) with heading {@code angle} and
 *       {@code width}, crossing the whole image.</li>
 *   <li>River: a meander along a horizontal ({@code angle} 0) or vertical ({@code angle} pi/2) axis
 *       through ({@code x}, {@code y}); centre line offset {@code bend * sin(2 pi t / length + phase)},
 *       band {@code width}.</li>
 * </ul>
 */
public record SceneObject(ObjectKind kind, Tone tone, double x, double y, double length, double width,
        double angle, double bend, double phase) {

    public SceneObject {
        if (kind == null || tone == null) {
            throw new IllegalArgumentException("an object needs a kind and a tone");
        }
        if (!(length > 0) || !(width > 0)) {
            throw new IllegalArgumentException(kind.lemma() + ": length and width must be positive, got "
                    + length + " x " + width);
        }
    }

    /** A compact object (everything but roads and rivers). */
    public static SceneObject compact(ObjectKind kind, Tone tone, double x, double y, double length,
            double width, double angle) {
        return new SceneObject(kind, tone, x, y, length, width, angle, 0, 0);
    }
}
