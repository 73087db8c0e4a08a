package io.scstbus.rewards.graph;

/**
 * Turns a caption into a scene graph. Implementations are thread-safe and load their models once, at
 * construction, so a broken model fails at start rather than mid-training. A blank caption gives
 * {@link SceneGraph#EMPTY}.
 */
public interface SceneGraphParser {

    SceneGraph parse(String caption);

    /** Identifies the backend and its version, e.g. {@code rules/1}; signals fold it into their own version. */
    default String version() {
        return getClass().getSimpleName();
    }
}
