/**
 * The FACTUAL scene-graph backend: the FACTUAL Flan-T5 model exported to ONNX, run through DJL's ONNX Runtime
 * engine and Hugging Face tokenizer ({@link io.scstbus.rewards.graph.factual.FactualOnnxParser}), with
 * Hugging Face-compatible beam search in pure Java ({@link io.scstbus.rewards.graph.factual.BeamSearch}).
 * Kept out of {@code graph} itself, which stays free of DJL.
 */
package io.scstbus.rewards.graph.factual;
