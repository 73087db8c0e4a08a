package io.scstbus.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka client settings every scst-bus process shares: bootstrap servers, then security from the
 * environment ({@code SCSTBUS_KAFKA_SECURITY_PROTOCOL}, {@code SCSTBUS_KAFKA_SASL_MECHANISM},
 * {@code SCSTBUS_KAFKA_SASL_JAAS_CONFIG}, {@code SCSTBUS_KAFKA_SSL_TRUSTSTORE_LOCATION},
 * {@code SCSTBUS_KAFKA_SSL_TRUSTSTORE_PASSWORD}, ...: any {@code SCSTBUS_KAFKA_X_Y} becomes {@code x.y}),
 * then an optional mounted properties file. Secrets never live in images or the repository.
 */
public final class ClientConfig {

    private static final String ENV_PREFIX = "SCSTBUS_KAFKA_";
    /** Keys whose values are secrets: SASL JAAS lines (they hold passwords), passwords, keys, tokens. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(jaas|password|secret|token|credential|\\.key$|key\\.pem).*");
    static final String HIDDEN = "[hidden]";

    private ClientConfig() {
    }

    public static Map<String, Object> base(String bootstrap, Path propertiesFile) {
        return base(bootstrap, propertiesFile, System.getenv());
    }

    static Map<String, Object> base(String bootstrap, Path propertiesFile, Map<String, String> env) {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required (HOST:PORT)");
        }
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                config.put(key, value);
            }
        });
        if (propertiesFile != null) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(propertiesFile)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Kafka properties file " + propertiesFile, e);
            }
            props.forEach((k, v) -> config.put(k.toString(), v));
        }
        return config;
    }

    /** Whether a client setting's value is a secret that must never be printed or recorded. */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** The settings with every secret value replaced by {@value #HIDDEN}, sorted by key: safe to print or log. */
    public static Map<String, Object> redacted(Map<String, ?> config) {
        Map<String, Object> out = new TreeMap<>();
        config.forEach((k, v) -> out.put(k, isSecret(k) ? HIDDEN : v));
        return out;
    }
}
