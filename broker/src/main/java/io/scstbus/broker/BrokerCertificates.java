package io.scstbus.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed CA and a broker certificate it signs, made with the JDK's own {@code keytool} (nothing
 * downloaded): {@code ca.p12} (the CA's key, kept to sign more), {@code ca.crt} (PEM, for clients that
 * take one, e.g. the Python client's {@code ssl.ca.location}), {@code broker.p12} (the broker's key and
 * chain, valid for localhost and 127.0.0.1, for server and client authentication) and
 * {@code truststore.p12} (the CA, for Java clients). Passwords go to keytool through its environment,
 * never its command line.
 */
final class BrokerCertificates {

    /** The broker's subject; on the mutual-TLS controller listener it is the broker's own (super user) principal. */
    static final String BROKER_DN = "CN=scst-bus-broker";
    static final String BROKER_KEYSTORE = "broker.p12";
    static final String TRUSTSTORE = "truststore.p12";
    static final String CA_PEM = "ca.crt";
    /** The broker's chain and key as PEM, for the gRPC servers' TLS ({@code --grpc-tls-cert}, {@code --grpc-tls-key}). */
    static final String SERVER_CERT_PEM = "server.crt";
    static final String SERVER_KEY_PEM = "server.key";
    private static final String CA_KEYSTORE = "ca.p12";
    private static final String VALIDITY_DAYS = "3650";

    private final Path dir;
    private final String storePassword;
    private final String trustPassword;

    BrokerCertificates(Path dir, String storePassword, String trustPassword) {
        this.dir = dir;
        this.storePassword = storePassword;
        this.trustPassword = trustPassword;
    }

    boolean exist() {
        return List.of(BROKER_KEYSTORE, TRUSTSTORE, CA_PEM, SERVER_CERT_PEM, SERVER_KEY_PEM).stream()
                .allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /**
     * Generates the CA, the broker certificate and the truststore; files of an earlier attempt are replaced.
     * keytool makes the keys and signs (the JDK has no public API for that); the stores are assembled here.
     */
    void generate() {
        for (String f : List.of(CA_KEYSTORE, CA_PEM, BROKER_KEYSTORE, TRUSTSTORE, SERVER_CERT_PEM, SERVER_KEY_PEM,
                "broker.csr", "broker.crt")) {
            SecureFiles.delete(dir.resolve(f));
        }
        Process ca = keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=scst-bus-ca", "-ext", "bc:c", "-validity", VALIDITY_DAYS, "-keystore", CA_KEYSTORE,
                "-storetype", "PKCS12", "-storepass:env", "STORE_PASS");
        Process broker = keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", BROKER_DN, "-validity", VALIDITY_DAYS, "-keystore", BROKER_KEYSTORE, "-storetype", "PKCS12",
                "-storepass:env", "STORE_PASS");
        await(ca, "-genkeypair ca");
        await(broker, "-genkeypair broker");
        await(keytool("-certreq", "-alias", "broker", "-keystore", BROKER_KEYSTORE, "-storepass:env", "STORE_PASS",
                "-file", "broker.csr"), "-certreq");
        await(keytool("-gencert", "-alias", "ca", "-keystore", CA_KEYSTORE, "-storepass:env", "STORE_PASS",
                "-infile", "broker.csr", "-outfile", "broker.crt", "-validity", VALIDITY_DAYS,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth,clientAuth"), "-gencert");
        try {
            char[] store = storePassword.toCharArray();
            KeyStore caStore = load(dir.resolve(CA_KEYSTORE), store);
            Certificate caCert = caStore.getCertificate("ca");
            Certificate brokerCert;
            try (InputStream in = Files.newInputStream(dir.resolve("broker.crt"))) {
                brokerCert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore brokerStore = load(dir.resolve(BROKER_KEYSTORE), store);
            Key key = brokerStore.getKey("broker", store);
            brokerStore.setKeyEntry("broker", key, store, new Certificate[] {brokerCert, caCert});
            save(brokerStore, dir.resolve(BROKER_KEYSTORE), store);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            save(trust, dir.resolve(TRUSTSTORE), trustPassword.toCharArray());
            SecureFiles.write(dir.resolve(CA_PEM), pem("CERTIFICATE", caCert.getEncoded()));
            SecureFiles.write(dir.resolve(SERVER_CERT_PEM), pem("CERTIFICATE", brokerCert.getEncoded())
                    + pem("CERTIFICATE", caCert.getEncoded()));
            SecureFiles.write(dir.resolve(SERVER_KEY_PEM), pem("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble the broker's key stores in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot assemble the broker's key stores in " + dir + ": " + e, e);
        }
        SecureFiles.delete(dir.resolve("broker.csr"));
        SecureFiles.delete(dir.resolve("broker.crt"));
        for (String f : List.of(CA_KEYSTORE, BROKER_KEYSTORE, TRUSTSTORE)) {
            SecureFiles.ownerOnly(dir.resolve(f));
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static void save(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private Process keytool(String... args) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("cannot generate the broker's certificates: no keytool at " + keytool
                    + " (a JDK, not a bare JRE, is needed for --secure)");
        }
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("STORE_PASS", storePassword);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + keytool, e);
        }
    }

    private void await(Process process, String what) {
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + what + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + what + " failed in " + dir + " (exit "
                        + process.exitValue() + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keytool's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running keytool " + what, e);
        }
    }
}
