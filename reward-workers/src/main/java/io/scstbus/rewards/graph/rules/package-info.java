/**
 * The default scene-graph parser: fast CPU rules over OpenNLP's English UD models (tokens, POS tags)
 * and WordNet (lemmas, multi-word nouns), tuned on remote-sensing captions and FACTUAL's conventions.
 * Entry point: {@link io.scstbus.rewards.graph.rules.RulesSceneGraphParser}; the rest is internal.
 */
package io.scstbus.rewards.graph.rules;
