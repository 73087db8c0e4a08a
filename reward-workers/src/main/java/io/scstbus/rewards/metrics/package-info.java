/**
 * Captioning metrics with pycocoevalcap's and self-critical.pytorch's exact semantics: BLEU-1..4,
 * ROUGE-L, CIDEr (document frequencies from the scored set), CIDEr-D (fixed document frequencies from a
 * {@link io.scstbus.rewards.metrics.CorpusStats}), and {@link io.scstbus.rewards.metrics.CaptionEvaluation}
 * to score a batch with several of them at once, and SPICE ({@code spice/}). Pure Java: no Kafka, gRPC or DJL.
 * METEOR is out of scope (its paraphrase table cannot be obtained).
 */
package io.scstbus.rewards.metrics;
