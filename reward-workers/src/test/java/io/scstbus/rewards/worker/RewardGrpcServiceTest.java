package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RewardServiceGrpc;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.ScoreRequest;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.rewards.signals.DeadlineScorer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RewardGrpcServiceTest {

    private DeadlineScorer deadlines;
    private WorkerEndpoints endpoints;
    private ManagedChannel channel;

    @BeforeEach
    void setUp() {
        deadlines = new DeadlineScorer(Duration.ofSeconds(5));
        RolloutScorer scorer = new RolloutScorer(new StandardSignals().create(List.of("length")), deadlines,
                CaptionLimits.DEFAULT, "cheap", "grpc-test", Clock.systemUTC());
        String name = InProcessServerBuilder.generateName();
        endpoints = new WorkerEndpoints(InProcessServerBuilder.forName(name).directExecutor(), null, -1,
                new RewardGrpcService(scorer, key -> null)).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void tearDown() {
        channel.shutdownNow();
        endpoints.close();
        deadlines.close();
    }

    @Test
    void scoresWithInlineReferences() {
        RolloutGroup group = Rollouts.group("run", 1, "img", List.of("two planes"), "a plane .", List.of("length"));
        RewardResult result = RewardServiceGrpc.newBlockingStub(channel).score(ScoreRequest.newBuilder()
                .setRollout(group).setReferences(Rollouts.references("img", "two planes .")).build());

        assertEquals(ScoreStatus.OK, result.getCandidates(0).getScores(0).getStatus());
        assertEquals(2.0, result.getCandidates(0).getScores(0).getValue());
    }

    @Test
    void rolloutWithoutCandidatesIsInvalidArgument() {
        RolloutGroup empty = RolloutGroup.newBuilder().setKey(io.scstbus.proto.Keys.rollout("run", 1, "img")).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> RewardServiceGrpc.newBlockingStub(channel).score(ScoreRequest.newBuilder().setRollout(empty).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void healthIsServingOnlyWhenTold() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        assertEquals(ServingStatus.NOT_SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        endpoints.serving(true);
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }
}
