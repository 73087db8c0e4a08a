/**
 * Scene graphs: the model ({@link io.scstbus.rewards.graph.SceneGraph}), the FACTUAL text format
 * ({@link io.scstbus.rewards.graph.FactualFormat}) and the parsers that turn a caption into a graph
 * ({@link io.scstbus.rewards.graph.SceneGraphParser}). Pure Java; nothing here knows Kafka, gRPC or DJL.
 */
package io.scstbus.rewards.graph;
