package io.scstbus.rewards.worker;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RewardServiceGrpc;
import io.scstbus.proto.v1.ScoreRequest;
import java.util.Objects;
import java.util.function.Function;

/**
 * Scores rollouts synchronously with the same {@link RolloutScorer} the Kafka topology uses, for
 * evaluation tools and clients without Kafka. References come inline or from the worker's store.
 */
public final class RewardGrpcService extends RewardServiceGrpc.RewardServiceImplBase {

    private final RolloutScorer scorer;
    private final Function<ReferencesKey, ImageReferences> references;

    public RewardGrpcService(RolloutScorer scorer, Function<ReferencesKey, ImageReferences> references) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.references = Objects.requireNonNull(references, "references");
    }

    @Override
    public void score(ScoreRequest request, StreamObserver<RewardResult> responses) {
        try {
            responses.onNext(scoreOne(request));
            responses.onCompleted();
        } catch (IllegalArgumentException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public StreamObserver<ScoreRequest> scoreStream(StreamObserver<RewardResult> responses) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ScoreRequest request) {
                try {
                    responses.onNext(scoreOne(request));
                } catch (IllegalArgumentException e) {
                    responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                // the client went away; nothing to clean up
            }

            @Override
            public void onCompleted() {
                responses.onCompleted();
            }
        };
    }

    private RewardResult scoreOne(ScoreRequest request) {
        if (!request.hasRollout() || !request.getRollout().hasKey()) {
            throw new IllegalArgumentException("request has no rollout with a key");
        }
        if (request.getRollout().getSamplesCount() == 0 && !request.getRollout().hasGreedy()) {
            throw new IllegalArgumentException("rollout " + Keys.describe(request.getRollout().getKey())
                    + " has no candidates");
        }
        ImageReferences refs = request.hasReferences() ? request.getReferences()
                : references.apply(Keys.referencesOf(request.getRollout()));
        return scorer.score(request.getRollout(), refs);
    }
}
