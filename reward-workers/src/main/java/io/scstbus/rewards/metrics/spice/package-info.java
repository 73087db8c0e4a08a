/**
 * SPICE (Anderson et al., ECCV 2016): a caption's scene graph as tuples (objects, object-attribute,
 * subject-relation-object), matched against the merged scene graph of the image's references on lemmas and
 * WordNet synonyms, F-score per image, corpus SPICE the mean over images. The tuple and matching logic
 * ({@link io.scstbus.rewards.metrics.spice.CaptionGraph}, {@link io.scstbus.rewards.metrics.spice.TupleSets},
 * {@link io.scstbus.rewards.metrics.spice.SpiceScore}) is pure; the graphs come from CoreNLP's rule-based
 * scene-graph parser, SPICE's own ({@link io.scstbus.rewards.metrics.spice.CoreNlpCaptionGraphParser}), which
 * needs CoreNLP's models jar on the classpath. What was and was not checked: docs/metrics.md, section SPICE.
 */
package io.scstbus.rewards.metrics.spice;
