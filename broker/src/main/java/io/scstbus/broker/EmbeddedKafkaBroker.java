package io.scstbus.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.scstbus.proto.BusAcls;
import io.scstbus.proto.TopicAdmin;
import io.scstbus.proto.Topics;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) on localhost, run with
 * Kafka's own server classes in this JVM. Used by {@code bin/broker}, the trainer's embedded default
 * and integration tests: real Kafka, transactions included, no Docker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final int port;
    private final Path dataDir;
    private final boolean deleteOnClose;
    /** Null for a plaintext broker; else its certificates, passwords and the principals' ACLs. */
    private final SecureBusDir secure;
    private final List<BusAcls.Principal> principals;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(int port, Path dataDir, boolean deleteOnClose) {
        this(port, dataDir, deleteOnClose, null, List.of());
    }

    private EmbeddedKafkaBroker(int port, Path dataDir, boolean deleteOnClose, SecureBusDir secure,
                                List<BusAcls.Principal> principals) {
        this.port = port;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.secure = secure;
        this.principals = List.copyOf(principals);
    }

    /**
     * A secured broker: one SASL_SSL listener with SCRAM-SHA-512 users, KRaft's StandardAuthorizer with
     * {@link BusAcls#ADMIN} as super user, and the ACLs of {@link BusAcls#components} for these worker
     * groups. Certificates, passwords and the principals' client properties files are made in
     * {@code secureDir} on first start and reused after; the log in {@code dataDir} must have been
     * formatted by a secured start too (its admin credential is written at format time).
     */
    public static EmbeddedKafkaBroker startSecure(int port, Path dataDir, Path secureDir, Topics topics,
                                                  List<String> workerGroups) {
        List<BusAcls.Principal> principals = BusAcls.components(topics, workerGroups);
        SecureBusDir secure = SecureBusDir.open(secureDir, principals);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(port == 0 ? freePort() : port, dataDir, false, secure,
                principals);
        broker.startServer();
        return broker;
    }

    /** A secured throw-away broker (see {@link #startSecure}); the log is deleted on close, the secrets are kept. */
    public static EmbeddedKafkaBroker startSecureTemporary(Path secureDir, Topics topics, List<String> workerGroups) {
        try {
            List<BusAcls.Principal> principals = BusAcls.components(topics, workerGroups);
            SecureBusDir secure = SecureBusDir.open(secureDir, principals);
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(freePort(),
                    Files.createTempDirectory("scst-bus-kafka-"), true, secure, principals);
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded broker", e);
        }
    }

    /** A broker on {@code port} (0 = a free port) keeping its log in {@code dataDir}, reused if already formatted. */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(port == 0 ? freePort() : port, dataDir, false);
        broker.startServer();
        return broker;
    }

    /** A throw-away broker on a free port in a temporary directory deleted on close. */
    public static EmbeddedKafkaBroker startTemporary() {
        try {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(freePort(),
                    Files.createTempDirectory("scst-bus-kafka-"), true);
            broker.startServer();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded broker", e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The secrets of a secured broker; empty for a plaintext one. */
    public Optional<SecureBusDir> secure() {
        return Optional.ofNullable(secure);
    }

    /** Client settings of the super user (secured) or of anyone (plaintext). */
    public Map<String, Object> adminConfig() {
        return secure == null ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers())
                : secure.adminConfig(bootstrapServers());
    }

    /** Creates the bus topics that are missing, with one replica each (as the super user when secured). */
    public void createBusTopics(Topics topics, int partitions) {
        try (Admin admin = Admin.create(adminConfig())) {
            TopicAdmin.createAll(admin, topics, partitions, (short) 1);
        }
    }

    private void startServer() {
        int controllerPort = freePort();
        Path logDir = dataDir.resolve("log");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        String client = secure == null ? "PLAINTEXT" : "SASL_SSL";
        props.put("listeners", client + "://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        props.put("advertised.listeners", client + "://localhost:" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", client + ":" + client + "," + CONTROLLER_LISTENER + ":"
                + (secure == null ? "PLAINTEXT" : "SSL"));
        props.put("inter.broker.listener.name", client);
        if (secure != null) {
            props.putAll(BrokerSecurity.serverProperties(secure, CONTROLLER_LISTENER));
        }
        props.put("log.dirs", logDir.toString());
        // Single node: every internal topic has one replica, and transactions work with min ISR 1.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "6");
        props.put("auto.create.topics.enable", "false");
        props.put("log.retention.hours", "-1");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            } else if (secure != null) {
                BrokerSecurity.checkFormattedSecure(logDir, dataDir);
            } else if (BrokerSecurity.formattedSecure(logDir)) {
                throw new IllegalStateException("data directory " + dataDir + " belongs to a secured broker; start it "
                        + "with --secure and its secrets directory (a plaintext start would open its topics to anyone)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker data directory " + dataDir, e);
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        if (secure != null) {
            try (Admin admin = Admin.create(adminConfig())) {
                BrokerSecurity.applyUsersAndAcls(admin, secure, principals);
            }
        }
    }

    private void format(Path logDir) {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    // a secured broker's super user must exist before anyone can log in to create the others
                    .setScramArguments(secure == null ? List.of() : List.of(BrokerSecurity.adminScramArgument(secure)))
                    .run();
            if (secure != null) {
                BrokerSecurity.markFormattedSecure(logDir);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot format KRaft storage in " + logDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig())) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the broker on " + bootstrapServers(), e);
        }
        throw new IllegalStateException("broker on " + bootstrapServers() + " not ready after " + timeout, last);
    }

    @Override
    public void close() {
        if (server != null) {
            leaveRegistrationChannelToItsManager(server);
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    /**
     * Kafka 4.4 stops the controller's registration channel twice: the registration manager's close shuts
     * it down, then {@code ControllerServer.shutdown} shuts it down again, and the second close of its
     * network client logs "Attempting to close NetworkClient that has already been closed" as a WARN at
     * every stop (bin/broker, bin/trainer's embedded broker). Where the registration manager exists, it
     * alone is left to close the channel. KafkaRaftServer keeps its controller in a private field, hence
     * the reflection; if a Kafka upgrade renames it, nothing changes but the warning coming back, which
     * {@code BrokerShutdownTest} reports.
     */
    private static void leaveRegistrationChannelToItsManager(KafkaRaftServer server) {
        Object controller;
        try {
            Field field = KafkaRaftServer.class.getDeclaredField("controller");
            field.setAccessible(true);
            controller = field.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return;
        }
        if (controller instanceof scala.Option<?> option && option.isDefined()
                && option.get() instanceof ControllerServer controllerServer
                && controllerServer.registrationManager() != null) {
            controllerServer.registrationChannelManager_$eq(null);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
