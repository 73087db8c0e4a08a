/**
 * A deterministic synthetic remote-sensing dataset: top-down scenes (storage tanks, tennis courts,
 * planes, buildings, roads, trees, rivers, ships on field, meadow, water or urban ground) rendered with
 * Java2D, five RSICD-style reference captions per image and an exact count dictionary, written in the
 * Karpathy {@code dataset.json} layout so the trainer reads it like RSICD or UCM.
 *
 * <p>The scene model ({@link io.scstbus.trainer.synthetic.Scene}) is the single source of truth:
 * the image, the captions and the counts are all derived from it, so counts are exact by construction.
 * See {@code docs/synthetic-data.md}.
 */
package io.scstbus.trainer.synthetic;
