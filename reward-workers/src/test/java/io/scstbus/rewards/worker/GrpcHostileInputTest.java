package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.scstbus.broker.SecureBusDir;
import io.scstbus.proto.v1.ParseRequest;
import io.scstbus.proto.v1.RewardResult;
import io.scstbus.proto.v1.RewardServiceGrpc;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.SceneGraphServiceGrpc;
import io.scstbus.proto.v1.ScoreRequest;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.rewards.graph.remote.SceneGraphGrpcService;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import io.scstbus.rewards.signals.DeadlineScorer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's gRPC server (RewardService, SceneGraphService, health) over TLS with the certificates
 * {@code broker --secure} generates, under the limits of {@link GrpcServerLimits}: plaintext, oversized
 * and overlong calls are refused with their status, and random or truncated messages never take it down.
 */
class GrpcHostileInputTest {

    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final Duration MAX_CALL_TIME = Duration.ofSeconds(3);
    private static final int FUZZ_ITERATIONS = 300;

    @TempDir
    static Path secrets;
    private static SecureBusDir certificates;
    private static DeadlineScorer deadlines;
    private static WorkerEndpoints endpoints;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws IOException {
        certificates = SecureBusDir.open(secrets, List.of());
        deadlines = new DeadlineScorer(Duration.ofSeconds(5));
        RolloutScorer scorer = new RolloutScorer(new StandardSignals().create(List.of("length")), deadlines,
                CaptionLimits.DEFAULT, "cheap", "grpc-fuzz", Clock.systemUTC());
        SceneGraphGrpcService graphs = SceneGraphGrpcService.loading(SceneGraphGrpcService.Limits.DEFAULT);
        graphs.ready(new RulesSceneGraphParser());
        GrpcServerLimits limits = new GrpcServerLimits(MAX_MESSAGE_BYTES, MAX_CALL_TIME,
                certificates.serverCertificate(), certificates.serverKey());
        endpoints = new WorkerEndpoints(limits.builder(0), null, -1, new RewardGrpcService(scorer, key -> null), graphs)
                .start();
        endpoints.serving(true);
        ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(certificates.caCertificate().toFile())
                .build();
        channel = Grpc.newChannelBuilderForAddress("localhost", endpoints.grpcPort(), tls).build();
    }

    @AfterAll
    static void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (endpoints != null) {
            endpoints.close();
        }
        if (deadlines != null) {
            deadlines.close();
        }
    }

    @Test
    void aPlaintextClientIsRefused() {
        ManagedChannel plain = Grpc.newChannelBuilderForAddress("localhost", endpoints.grpcPort(),
                InsecureChannelCredentials.create()).build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(plain)
                    .withDeadlineAfter(30, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
        } finally {
            plain.shutdownNow();
        }
    }

    @Test
    void aMessageOverTheLimitIsResourceExhausted() {
        ScoreRequest huge = validRequest("x".repeat(MAX_MESSAGE_BYTES + 1));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> RewardServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).score(huge));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.toString());
    }

    @Test
    void aCallPastTheServersLimitEndsDeadlineExceeded() throws Exception {
        CompletableFuture<Status> ended = new CompletableFuture<>();
        // a stream that never sends: without the limit it would hold a server call forever
        StreamObserver<ScoreRequest> requests = RewardServiceGrpc.newStub(channel).scoreStream(new StreamObserver<>() {
            @Override
            public void onNext(RewardResult value) {
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
        Status status = ended.get(2, TimeUnit.MINUTES);
        assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode(), status.toString());
        assertTrue(status.getDescription().contains("server's limit"), status.toString());
        requests.onCompleted();
    }

    @Test
    void randomAndTruncatedMessagesLeaveTheServerUp() {
        Random random = new Random(19);
        byte[] score = validRequest("two planes are parked near the terminal").toByteArray();
        byte[] parse = ParseRequest.newBuilder().addCaptions("two planes are parked near the terminal .").build()
                .toByteArray();
        List<MethodDescriptor<byte[], byte[]>> methods = List.of(raw(RewardServiceGrpc.getScoreMethod()),
                raw(SceneGraphServiceGrpc.getParseMethod()));
        Map<Status.Code, Integer> outcomes = new EnumMap<>(Status.Code.class);
        for (int i = 0; i < FUZZ_ITERATIONS; i++) {
            MethodDescriptor<byte[], byte[]> method = methods.get(i % 2);
            byte[] valid = i % 2 == 0 ? score : parse;
            byte[] message = switch (i % 3) {
                case 0 -> randomBytes(random, random.nextInt(2048));
                case 1 -> Arrays.copyOf(valid, random.nextInt(valid.length));
                default -> flipped(random, valid);
            };
            boolean decodable = decodable(i % 2 == 0 ? ScoreRequest.parser() : ParseRequest.parser(), message);
            Status.Code code;
            try {
                ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
                        message);
                code = Status.Code.OK;
            } catch (StatusRuntimeException e) {
                code = e.getStatus().getCode();
            }
            // a message the service receives gets an answer or INVALID_ARGUMENT naming the field; bytes that are
            // no message never reach it, and grpc-java answers those UNKNOWN ("Application error processing RPC")
            Set<Status.Code> expected = decodable ? Set.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT)
                    : Set.of(Status.Code.UNKNOWN);
            assertTrue(expected.contains(code), "iteration " + i + " (" + (decodable ? "" : "un") + "decodable "
                    + method.getBareMethodName() + "): " + code);
            outcomes.merge(code, 1, Integer::sum);
        }
        assertTrue(outcomes.getOrDefault(Status.Code.UNKNOWN, 0) > 0, "no undecodable message among " + outcomes);
        assertTrue(outcomes.getOrDefault(Status.Code.INVALID_ARGUMENT, 0) > 0, "no refused message among " + outcomes);
        assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus());
        RewardResult result = RewardServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .score(validRequest("two planes"));
        assertEquals(ScoreStatus.OK, result.getCandidates(0).getScores(0).getStatus());
    }

    private static boolean decodable(com.google.protobuf.Parser<?> parser, byte[] message) {
        try {
            parser.parseFrom(message);
            return true;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static ScoreRequest validRequest(String caption) {
        RolloutGroup group = Rollouts.group("run", 1, "img", List.of(caption), "a plane .", List.of("length"));
        return ScoreRequest.newBuilder().setRollout(group).setReferences(Rollouts.references("img", "two planes .")).build();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flipped(Random random, byte[] valid) {
        byte[] bytes = valid.clone();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    /** The method with raw bytes on the wire: the client sends whatever it likes. */
    private static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(method.getFullMethodName()).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES)
                .build();
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
