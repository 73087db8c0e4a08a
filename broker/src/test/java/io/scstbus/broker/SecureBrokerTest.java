package io.scstbus.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.BusAcls;
import io.scstbus.proto.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker secured as {@code bin/broker --secure DIR} makes it: who cannot log in is refused at the door,
 * and each component's principal is refused everything {@link BusAcls} does not grant it. Every refusal
 * is the Kafka error a user would see; positive controls show the same call works for the owner.
 */
class SecureBrokerTest {

    private static final List<String> GROUPS = List.of("cheap", "scene-graph");
    private static final Topics TOPICS = Topics.DEFAULT;

    @TempDir
    static Path secrets;
    private static EmbeddedKafkaBroker broker;
    private static SecureBusDir secure;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.startSecureTemporary(secrets, TOPICS, GROUPS);
        secure = broker.secure().orElseThrow();
        broker.createBusTopics(TOPICS, 2);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void writesOneOwnerOnlyPropertiesFilePerPrincipal() throws Exception {
        for (String file : List.of("admin", "trainer", "worker-cheap", "worker-scene-graph", "replay")) {
            Path path = secure.propertiesFile(file);
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(path), path.toString());
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(secrets));
        assertEquals(5, secure.passwords().size(), "admin, trainer, two worker groups, replay");
        assertEquals(5, secure.passwords().values().stream().distinct().count(), "every principal has a password of its own");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = client("trainer");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SecureBusDir.jaas(BusAcls.TRAINER, "not-the-password"));
        SaslAuthenticationException e = assertCause(SaslAuthenticationException.class, () -> describeCluster(config));
        assertTrue(e.getMessage().contains("invalid credentials"), e.getMessage());
    }

    @Test
    void anUnknownPrincipalIsRefused() {
        Map<String, Object> config = client("trainer");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SecureBusDir.jaas("intruder", secure.passwords().get(BusAcls.TRAINER)));
        SaslAuthenticationException e = assertCause(SaslAuthenticationException.class, () -> describeCluster(config));
        assertTrue(e.getMessage().contains("invalid credentials"), e.getMessage());
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCaIsRefused() {
        Map<String, Object> config = client("trainer");
        config.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        SslAuthenticationException e = assertCause(SslAuthenticationException.class, () -> describeCluster(config));
        assertTrue(e.getMessage().contains("SSL handshake failed"), e.getMessage());
    }

    @Test
    void plaintextToTheTlsPortGetsNoAnswer() {
        for (String protocol : List.of("PLAINTEXT", "SASL_PLAINTEXT")) {
            Map<String, Object> config = client("trainer");
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
            config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
            config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
            // the broker's TLS handshake never completes: the client is disconnected until its deadline
            TimeoutException e = assertCause(TimeoutException.class, () -> describeCluster(config));
            assertTrue(e.getMessage().contains("Timed out waiting for a node assignment"), e.getMessage());
        }
    }

    @Test
    void theTrainerCannotWriteAReward() {
        TopicAuthorizationException e = assertCause(TopicAuthorizationException.class,
                () -> send(client("trainer"), TOPICS.rewards()));
        assertEquals(Set.of(TOPICS.rewards()), e.unauthorizedTopics());
    }

    @Test
    void aWorkerCannotWriteARollout() {
        for (String group : GROUPS) {
            TopicAuthorizationException e = assertCause(TopicAuthorizationException.class,
                    () -> send(client("worker-" + group), TOPICS.rollouts()));
            assertEquals(Set.of(TOPICS.rollouts()), e.unauthorizedTopics());
        }
    }

    @Test
    void replayCannotWriteAnything() {
        for (String topic : TOPICS.specs(1).keySet()) {
            Map<String, Object> config = client("replay");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            TopicAuthorizationException e = assertCause(TopicAuthorizationException.class, () -> send(config, topic));
            assertEquals(Set.of(topic), e.unauthorizedTopics());
        }
    }

    @Test
    void onlyAdminCreatesTopics() throws Exception {
        for (String file : List.of("trainer", "worker-cheap", "replay")) {
            try (Admin admin = Admin.create(client(file))) {
                assertCause(TopicAuthorizationException.class, () -> admin.createTopics(
                        List.of(new NewTopic("scst.intruder", 1, (short) 1))).all().get(30, TimeUnit.SECONDS));
            }
        }
        try (Admin admin = Admin.create(broker.adminConfig())) {
            admin.createTopics(List.of(new NewTopic("scst.admin-made", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWorkersTransactionalIdIsItsOwn() {
        String id = BusAcls.workerApplicationId("cheap") + "-process-0";
        for (String other : List.of("trainer", "worker-scene-graph", "replay")) {
            assertCause(TransactionalIdAuthorizationException.class, () -> initTransactions(client(other), id));
        }
        initTransactions(client("worker-cheap"), id);
    }

    @Test
    void aWorkersConsumerGroupIsItsOwn() {
        String group = BusAcls.workerApplicationId("cheap");
        Map<String, Object> config = client("worker-scene-graph");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPICS.rollouts()));
            GroupAuthorizationException e = assertThrows(GroupAuthorizationException.class,
                    () -> consumer.poll(java.time.Duration.ofSeconds(30)));
            assertEquals(group, e.groupId());
        }
    }

    private static Map<String, Object> client(String file) {
        Map<String, Object> config = new HashMap<>(secure.clientConfig(broker.bootstrapServers(), file));
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    private static void describeCluster(Map<String, Object> config) throws Exception {
        try (Admin admin = Admin.create(config)) {
            assertFalse(admin.describeCluster(new DescribeClusterOptions()).nodes()
                    .get(30, TimeUnit.SECONDS).isEmpty());
        }
    }

    private static void send(Map<String, Object> config, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[] {1}, new byte[] {1})).get(30, TimeUnit.SECONDS);
        }
    }

    private static void initTransactions(Map<String, Object> config, String transactionalId) {
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** Runs {@code call}, expecting it to fail with {@code type} itself or as the cause of the failure. */
    private static <T extends Throwable> T assertCause(Class<T> type, Call call) {
        Throwable thrown = assertThrows(Throwable.class, call::run);
        Throwable t = thrown instanceof ExecutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        return assertInstanceOf(type, t, () -> "expected " + type.getSimpleName() + ", got " + thrown);
    }
}
