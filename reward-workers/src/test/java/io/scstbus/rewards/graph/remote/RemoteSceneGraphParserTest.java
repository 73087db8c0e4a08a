package io.scstbus.rewards.graph.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.scstbus.proto.v1.ParseRequest;
import io.scstbus.proto.v1.SceneGraphServiceGrpc;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.graph.remote.RemoteSceneGraphParser.Settings;
import io.scstbus.rewards.graph.remote.SceneGraphGrpcService.Limits;
import io.scstbus.rewards.worker.WorkerEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemoteSceneGraphParserTest {

    /** Knows a few captions' graphs; counts calls. */
    private static final class FakeParser implements SceneGraphParser {

        static final Map<String, String> GRAPHS = Map.of(
                "three planes on the runway", "( planes , is , 3 ) , ( planes , on , runway )",
                "a white storage tank", "( storage tank , is , white )");
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public SceneGraph parse(String caption) {
            seen.add(caption);
            String graph = GRAPHS.get(caption);
            if (graph == null) {
                throw new IllegalArgumentException("no graph for '" + caption + "'");
            }
            return FactualFormat.read(graph);
        }

        @Override
        public String version() {
            return "fake/1";
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String name = InProcessServerBuilder.generateName();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private WorkerEndpoints serve(SceneGraphGrpcService service, boolean direct) {
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        if (direct) {
            builder.directExecutor();
        }
        WorkerEndpoints endpoints = new WorkerEndpoints(builder, null, -1, service).start();
        resources.add(endpoints);
        return endpoints;
    }

    private ManagedChannel channel() {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        resources.add(channel::shutdownNow);
        return channel;
    }

    private RemoteSceneGraphParser client(Settings settings) {
        RemoteSceneGraphParser client = RemoteSceneGraphParser.over(channel(), "in-process:" + name, settings);
        resources.add(client);
        return client;
    }

    @Test
    void parsesRoundTrip() {
        FakeParser fake = new FakeParser();
        serve(new SceneGraphGrpcService(fake, Limits.DEFAULT), true);
        RemoteSceneGraphParser remote = client(Settings.DEFAULT);

        SceneGraph graph = remote.parse("three planes on the runway");
        assertEquals(FactualFormat.read(FakeParser.GRAPHS.get("three planes on the runway")), graph);
        assertEquals(3, graph.entity("planes").orElseThrow().count());
        assertEquals("remote:fake/1", remote.version());
    }

    @Test
    void batchKeepsOrderAndBlankCaptionsAreEmpty() {
        FakeParser fake = new FakeParser();
        serve(new SceneGraphGrpcService(fake, Limits.DEFAULT), true);
        RemoteSceneGraphParser remote = client(Settings.DEFAULT);

        List<SceneGraph> graphs = remote.parseAll(List.of("a white storage tank", " ", "three planes on the runway "));
        assertEquals(3, graphs.size());
        assertEquals(List.of("white"), graphs.get(0).entity("storage tank").orElseThrow().attributes());
        assertSame(SceneGraph.EMPTY, graphs.get(1));
        assertEquals(3, graphs.get(2).entity("planes").orElseThrow().count());
        assertEquals(List.of("a white storage tank", "three planes on the runway"), fake.seen);
        assertSame(SceneGraph.EMPTY, remote.parse(""));
        assertEquals(List.of(), remote.parseAll(List.of()));
    }

    @Test
    void slowServerExceedsTheDeadlineWithAClearError() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        SceneGraphParser slow = caption -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SceneGraph.EMPTY;
        };
        serve(new SceneGraphGrpcService(slow, Limits.DEFAULT), false);
        RemoteSceneGraphParser remote = client(new Settings(Duration.ofMillis(200), Duration.ofSeconds(5)));
        try {
            SceneGraphServiceException e = assertThrows(SceneGraphServiceException.class,
                    () -> remote.parse("two planes"));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
            assertTrue(e.getMessage().contains("scene-graph service at in-process:" + name), e.getMessage());
            assertTrue(e.getMessage().contains("did not answer 1 caption(s) within the deadline of 200 ms"),
                    e.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void unreachableServiceFailsAtConnectNamingTheTarget() {
        ManagedChannel nowhere = InProcessChannelBuilder.forName("no-such-server").directExecutor().build();
        SceneGraphServiceException e = assertThrows(SceneGraphServiceException.class,
                () -> RemoteSceneGraphParser.over(nowhere, "gpu-pool:50061",
                        new Settings(Duration.ofSeconds(1), Duration.ofMillis(300))));
        assertEquals(Status.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().startsWith("scene-graph service at gpu-pool:50061 did not answer within the "
                + "connect timeout of 300 ms: UNAVAILABLE"), e.getMessage());
        assertTrue(nowhere.isShutdown());
    }

    @Test
    void serverGoneAfterConnectIsUnavailable() throws Exception {
        WorkerEndpoints endpoints = serve(new SceneGraphGrpcService(new FakeParser(), Limits.DEFAULT), true);
        RemoteSceneGraphParser remote = client(Settings.DEFAULT);
        resources.remove(endpoints);
        endpoints.close();
        SceneGraphServiceException e = assertThrows(SceneGraphServiceException.class,
                () -> remote.parse("three planes on the runway"));
        assertEquals(Status.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("is unavailable"), e.getMessage());
    }

    @Test
    void badRequestsAreInvalidArgument() {
        serve(new SceneGraphGrpcService(new FakeParser(), new Limits(2, 30)), true);
        SceneGraphServiceGrpc.SceneGraphServiceBlockingStub stub = SceneGraphServiceGrpc.newBlockingStub(channel());

        StatusRuntimeException tooMany = assertThrows(StatusRuntimeException.class, () -> stub.parse(
                ParseRequest.newBuilder().addCaptions("a").addCaptions("b").addCaptions("c").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, tooMany.getStatus().getCode());
        assertEquals("request has 3 captions, limit is 2", tooMany.getStatus().getDescription());

        StatusRuntimeException tooLong = assertThrows(StatusRuntimeException.class, () -> stub.parse(
                ParseRequest.newBuilder().addCaptions("x".repeat(31)).build()));
        assertEquals("caption 0 has 31 characters, limit is 30", tooLong.getStatus().getDescription());

        RemoteSceneGraphParser remote = client(Settings.DEFAULT);
        SceneGraphServiceException e = assertThrows(SceneGraphServiceException.class,
                () -> remote.parseAll(List.of("a", "b", "c")));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("rejected the request: INVALID_ARGUMENT (request has 3 captions"),
                e.getMessage());
    }

    @Test
    void parserFailureIsInternalWithTheReason() {
        serve(new SceneGraphGrpcService(new FakeParser(), Limits.DEFAULT), true);
        RemoteSceneGraphParser remote = client(Settings.DEFAULT);
        SceneGraphServiceException e = assertThrows(SceneGraphServiceException.class,
                () -> remote.parse("an unknown caption"));
        assertEquals(Status.Code.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("parser fake/1 failed on caption 0: IllegalArgumentException: "
                + "no graph for 'an unknown caption'"), e.getMessage());
    }

    @Test
    void healthAndServiceWaitForTheModel() {
        SceneGraphGrpcService service = SceneGraphGrpcService.loading(Limits.DEFAULT);
        WorkerEndpoints endpoints = serve(service, true);
        ManagedChannel channel = channel();
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        assertEquals(ServingStatus.NOT_SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        StatusRuntimeException loading = assertThrows(StatusRuntimeException.class,
                () -> SceneGraphServiceGrpc.newBlockingStub(channel).parse(ParseRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, loading.getStatus().getCode());

        service.ready(new FakeParser());
        endpoints.serving(true);
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals("remote:fake/1", client(Settings.DEFAULT).version());
    }
}
