package io.scstbus.broker;

import io.scstbus.proto.BusAcls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * How the embedded broker is secured: the server settings (SASL_SSL with SCRAM-SHA-512 for clients,
 * mutual TLS on the controller listener, StandardAuthorizer, super user {@link BusAcls#ADMIN}), and at
 * every start the SCRAM users and ACLs of {@link BusAcls} (stale ACLs removed, so a narrowed definition
 * takes effect on restart).
 */
final class BrokerSecurity {

    /** Written into a log directory formatted by a secured start: a plaintext start on it is refused. */
    private static final String SECURE_MARKER = "scst-bus-secured";
    private static final int SCRAM_ITERATIONS = 8192;

    private BrokerSecurity() {
    }

    static Map<String, String> serverProperties(SecureBusDir secure, String controllerListener) {
        Map<String, String> props = new LinkedHashMap<>(secure.brokerTls());
        props.put("sasl.enabled.mechanisms", SecureBusDir.SCRAM_MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", SecureBusDir.SCRAM_MECHANISM);
        // the broker's own client side (transaction markers to itself) logs in as the super user
        props.put("listener.name.sasl_ssl." + SecureBusDir.SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                SecureBusDir.jaas(BusAcls.ADMIN, secure.passwords().get(BusAcls.ADMIN)));
        // only a holder of a CA-signed certificate (the broker itself) reaches the controller
        props.put("listener.name." + controllerListener.toLowerCase(Locale.ROOT) + ".ssl.client.auth", "required");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("super.users", "User:" + BusAcls.ADMIN + ";User:" + BrokerCertificates.BROKER_DN);
        return props;
    }

    static String adminScramArgument(SecureBusDir secure) {
        return SecureBusDir.SCRAM_MECHANISM + "=[name=" + BusAcls.ADMIN + ",iterations=" + SCRAM_ITERATIONS
                + ",password=" + secure.passwords().get(BusAcls.ADMIN) + "]";
    }

    static void markFormattedSecure(Path logDir) {
        try {
            Files.writeString(logDir.resolve(SECURE_MARKER), "formatted with a SCRAM super user by bin/broker --secure\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + logDir + " as secured", e);
        }
    }

    static boolean formattedSecure(Path logDir) {
        return Files.exists(logDir.resolve(SECURE_MARKER));
    }

    static void checkFormattedSecure(Path logDir, Path dataDir) {
        if (!formattedSecure(logDir)) {
            throw new IllegalStateException("data directory " + dataDir + " was formatted by a broker without --secure, "
                    + "so it has no admin credential; start the secured broker with a new --data-dir");
        }
    }

    /** Creates or updates every component's SCRAM user and makes the ACLs exactly those of {@code principals}. */
    static void applyUsersAndAcls(Admin admin, SecureBusDir secure, List<BusAcls.Principal> principals) {
        Map<String, String> passwords = secure.passwords();
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (BusAcls.Principal p : principals) {
            users.add(new UserScramCredentialUpsertion(p.user(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), passwords.get(p.user())));
        }
        Set<AclBinding> wanted = new HashSet<>();
        principals.forEach(p -> wanted.addAll(p.bindings()));
        try {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            List<AclBindingFilter> stale = present.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            admin.createAcls(wanted).all().get(30, TimeUnit.SECONDS);
            awaitApplied(admin, wanted, principals.stream().map(BusAcls.Principal::user).toList(), Duration.ofSeconds(30));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the SCRAM users and ACLs: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the SCRAM users and ACLs were not created within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating the SCRAM users and ACLs", e);
        }
    }

    /** The broker answers from its own metadata image: once it lists them, its authenticator and authorizer have them. */
    private static void awaitApplied(Admin admin, Set<AclBinding> wanted, List<String> users, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
            Set<String> known = admin.describeUserScramCredentials(users).all().get(30, TimeUnit.SECONDS).keySet();
            if (present.equals(wanted) && known.containsAll(users)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("ACLs or users not visible on the broker");
            }
            Thread.sleep(50);
        }
    }
}
