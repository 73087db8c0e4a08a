/**
 * Captioning metrics with pycocoevalcap's and self-critical.pytorch's exact semantics: BLEU-1..4,
 * ROUGE-L, CIDEr (document frequencies from the scored set), CIDEr-D (fixed document frequencies from a
 * {@link io.scstbus.rewards.metrics.CorpusStats}), and {@link io.scstbus.rewards.metrics.CaptionEvaluation}
 * to score a batch with several of them at once. Pure Java: no Kafka, gRPC or DJL. METEOR and SPICE are
 * out of scope (they need external Java/WordNet tables and a scene-graph parser pipeline we do not ship).
 */
package io.scstbus.rewards.metrics;
