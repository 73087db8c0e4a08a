package io.scstbus.broker;

import io.scstbus.proto.BusAcls;
import io.scstbus.proto.ClientConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory of a secured broker ({@code bin/broker --secure DIR}): its certificates
 * ({@link BrokerCertificates}), random passwords, and one client properties file per principal
 * ({@code admin.properties}, {@code trainer.properties}, {@code worker-GROUP.properties},
 * {@code replay.properties}) to pass as {@code --kafka-properties}. Made on first use, reused after:
 * a principal's password stays what its file says. Every file is readable by its owner only.
 */
public final class SecureBusDir {

    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    static final String ADMIN_FILE = "admin";
    private static final String TLS_FILE = "tls.properties";
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String storePassword;
    private final String trustPassword;
    /** SCRAM user -> password, admin first. */
    private final Map<String, String> passwords = new LinkedHashMap<>();

    private SecureBusDir(Path dir, String storePassword, String trustPassword) {
        this.dir = dir;
        this.storePassword = storePassword;
        this.trustPassword = trustPassword;
    }

    /** Opens {@code dir}, generating what is missing: certificates, passwords, the principals' properties files. */
    public static SecureBusDir open(Path dir, List<BusAcls.Principal> components) {
        Path abs = dir.toAbsolutePath().normalize();
        SecureFiles.createDirectory(abs);
        Properties tls = read(abs.resolve(TLS_FILE));
        SecureBusDir bus = new SecureBusDir(abs, tls.getProperty("keystore.password", newPassword()),
                tls.getProperty("truststore.password", newPassword()));
        BrokerCertificates certificates = new BrokerCertificates(abs, bus.storePassword, bus.trustPassword);
        if (tls.isEmpty() || !certificates.exist()) {
            certificates.generate();
            SecureFiles.write(abs.resolve(TLS_FILE), "# passwords of broker.p12, ca.p12 and truststore.p12\n"
                    + "keystore.password=" + bus.storePassword + "\ntruststore.password=" + bus.trustPassword + "\n");
        }
        bus.principal(BusAcls.ADMIN, ADMIN_FILE);
        components.forEach(p -> bus.principal(p.user(), p.file()));
        return bus;
    }

    private void principal(String user, String file) {
        Path path = propertiesFile(file);
        String password = null;
        if (Files.isRegularFile(path)) {
            Matcher m = JAAS_PASSWORD.matcher(read(path).getProperty("sasl.jaas.config", ""));
            password = m.find() ? m.group(1) : null;
        }
        if (password == null) {
            password = newPassword();
        }
        passwords.put(user, password);
        SecureFiles.write(path, "# Kafka client settings of principal " + user + " on the scst-bus broker secured in "
                + dir + "\n# pass as --kafka-properties " + path + "\n"
                + "security.protocol=SASL_SSL\n"
                + "sasl.mechanism=" + SCRAM_MECHANISM + "\n"
                + "sasl.jaas.config=" + jaas(user, password) + "\n"
                + "ssl.truststore.type=PKCS12\n"
                + "ssl.truststore.location=" + escape(dir.resolve(BrokerCertificates.TRUSTSTORE).toString()) + "\n"
                + "ssl.truststore.password=" + trustPassword + "\n");
    }

    public Path dir() {
        return dir;
    }

    /** The client properties file of a principal, by its file stem ({@code trainer}, {@code worker-cheap}, ...). */
    public Path propertiesFile(String file) {
        return dir.resolve(file + ".properties");
    }

    /** The CA certificate (PEM): what gRPC clients and non-Java Kafka clients trust. */
    public Path caCertificate() {
        return dir.resolve(BrokerCertificates.CA_PEM);
    }

    /** The broker's certificate chain (PEM), reusable as a gRPC server's ({@code --grpc-tls-cert}). */
    public Path serverCertificate() {
        return dir.resolve(BrokerCertificates.SERVER_CERT_PEM);
    }

    /** The broker's private key (PKCS#8 PEM, owner-only), reusable as a gRPC server's ({@code --grpc-tls-key}). */
    public Path serverKey() {
        return dir.resolve(BrokerCertificates.SERVER_KEY_PEM);
    }

    /** Client settings of the principal with this properties file, for {@code bootstrap}. */
    public Map<String, Object> clientConfig(String bootstrap, String file) {
        return ClientConfig.base(bootstrap, propertiesFile(file));
    }

    public Map<String, Object> adminConfig(String bootstrap) {
        return clientConfig(bootstrap, ADMIN_FILE);
    }

    /** SCRAM users and their passwords (for the broker, and for tests that check no password leaks). */
    public Map<String, String> passwords() {
        return Map.copyOf(passwords);
    }

    Path brokerKeystore() {
        return dir.resolve(BrokerCertificates.BROKER_KEYSTORE);
    }

    String storePassword() {
        return storePassword;
    }

    /**
     * The broker's TLS settings for every listener: its key and chain, and the CA as truststore (the
     * controller listener asks for the broker's own certificate).
     */
    Map<String, String> brokerTls() {
        Map<String, String> tls = new LinkedHashMap<>();
        tls.put("ssl.keystore.type", "PKCS12");
        tls.put("ssl.keystore.location", brokerKeystore().toString());
        tls.put("ssl.keystore.password", storePassword);
        tls.put("ssl.key.password", storePassword);
        tls.put("ssl.truststore.type", "PKCS12");
        tls.put("ssl.truststore.location", dir.resolve(BrokerCertificates.TRUSTSTORE).toString());
        tls.put("ssl.truststore.password", trustPassword);
        return tls;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String escape(String path) {
        return path.replace("\\", "\\\\");
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Properties read(Path file) {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return props;
    }
}
