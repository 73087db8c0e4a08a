package io.scstbus.containers;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.model.HealthCheck;
import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.rewards.worker.ReferencesPublisher;
import io.scstbus.trainer.bus.TestRollouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Containers of the images deploy/build-local-images.sh builds (the build runs it before these tests),
 * on the host's network only: they reach a broker on localhost and publish nothing, so no test traffic
 * leaves 127.0.0.0/8. Ryuk is off (its image cannot be pulled): every test closes its containers, which
 * removes them.
 */
final class LocalImages {

    static final String VERSION = System.getProperty("scstbus.version", "0.1.0-SNAPSHOT");

    private LocalImages() {
    }

    /** The repository root (the build passes it; the module's parent otherwise). */
    static Path root() {
        String root = System.getProperty("scstbus.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    }

    static DockerImageName image(String name) {
        return DockerImageName.parse("scst-bus/" + name + ":" + VERSION);
    }

    /** Fails (never skips) when no Docker daemon answers: CI must run these tests. */
    static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            fail("no Docker daemon answers, so the container tests cannot run; start dockerd (.ci/run does) "
                    + "or leave this module out with -DskipContainerTests");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A container on the host's network with its output kept for failure messages. */
    static GenericContainer<?> onHostNetwork(String image, ToStringConsumer output) {
        GenericContainer<?> c = new GenericContainer<>(image(image));
        c.withNetworkMode("host").withLogConsumer(output);
        return c;
    }

    /**
     * {@code reward-worker run} in its image, healthy (the image's health check: /health on the metrics
     * port, SERVING) before start() returns. The ports are free host ports; the check asks this worker's.
     */
    static GenericContainer<?> worker(String bootstrap, String group, String signals, String workerId,
                                      ToStringConsumer output, String... extra) {
        int metrics = freePort();
        List<String> command = new ArrayList<>(List.of("run", "--bootstrap", bootstrap, "--group", group,
                "--signals", signals, "--worker-id", workerId, "--grpc-port", String.valueOf(freePort()),
                "--metrics-port", String.valueOf(metrics)));
        command.addAll(List.of(extra));
        GenericContainer<?> c = onHostNetwork("reward-worker", output);
        c.withCommand(command.toArray(String[]::new))
                .withEnv("JAVA_OPTS", "-Xmx1g")
                .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(new HealthCheck()
                        .withTest(List.of("CMD", "worker-health", String.valueOf(metrics)))
                        .withInterval(TimeUnit.SECONDS.toNanos(2)).withTimeout(TimeUnit.SECONDS.toNanos(10))
                        .withRetries(100)))
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));
        return c;
    }

    /** Fresh bus topics on the host's broker with the test rollouts' references: the client settings to use. */
    static Map<String, Object> busWithReferences(EmbeddedKafkaBroker broker, Topics topics, int images) {
        broker.createBusTopics(topics, 6);
        Map<String, Object> client = ClientConfig.base(broker.bootstrapServers(), null);
        new ReferencesPublisher(client, topics).publish(TestRollouts.references(images));
        return client;
    }

    /** {@code docker kill}: SIGKILL, no shutdown hook, no commit or abort, no leaving the group. */
    static void kill(GenericContainer<?> container) {
        DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
    }
}
