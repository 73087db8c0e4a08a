/**
 * Scene graphs over gRPC: {@link io.scstbus.rewards.graph.remote.SceneGraphGrpcService} serves any parser as
 * the {@code SceneGraphService}; {@link io.scstbus.rewards.graph.remote.RemoteSceneGraphParser} is the parser
 * that calls it, so a GPU pool running FACTUAL can serve many CPU reward workers. Kept out of {@code graph}
 * itself, which stays free of gRPC.
 */
package io.scstbus.rewards.graph.remote;
