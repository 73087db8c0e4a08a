package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.scstbus.proto.BusAcls;
import io.scstbus.proto.Topics;
import io.scstbus.rewards.deploy.DeployContract.Need;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi KafkaUsers of deploy/base grant exactly what {@link BusAcls} grants each principal: the
 * definition the secured embedded broker enforces (SecureBrokerTest, SecureSmokeRunTest) is the one
 * the cluster gets. Reads the YAML itself, so it runs without kubectl.
 */
class KafkaUsersFollowBusAclsTest {

    @Test
    void everyKafkaUserGrantsExactlyItsPrincipalsAcls() throws IOException {
        List<BusAcls.Principal> principals = new ArrayList<>(BusAcls.components(Topics.DEFAULT,
                List.copyOf(new TreeSet<>(DeployContract.WORKER_GROUPS.keySet()))));
        principals.add(BusAcls.scaler(Topics.DEFAULT));
        Map<String, Set<String>> defined = new TreeMap<>();
        principals.forEach(p -> defined.put(p.user(), strings(DeployContract.needs(p))));

        Map<String, Set<String>> declared = new TreeMap<>();
        String yaml = Files.readString(DeployFiles.root().resolve("deploy/base/kafka/users.yaml"));
        for (JsonNode user : DeployFiles.readYaml(yaml)) {
            assertEquals("KafkaUser", user.path("kind").asText(), "users.yaml holds only KafkaUsers");
            String name = Manifests.name(user);
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText(),
                    name + " authenticates with SCRAM-SHA-512");
            List<Need> granted = new ArrayList<>();
            for (KafkaAcls.Acl acl : KafkaAcls.of(user)) {
                acl.operations().forEach(op -> granted.add(new Need(acl.type(),
                        acl.type().equals("cluster") ? "kafka-cluster" : acl.name(), acl.prefix(), op)));
            }
            declared.put(name, strings(granted));
        }
        assertEquals(defined.keySet(), declared.keySet(), "KafkaUsers vs BusAcls principals");
        defined.forEach((user, acls) -> assertEquals(acls, declared.get(user), "ACLs of KafkaUser " + user));
    }

    private static Set<String> strings(List<Need> needs) {
        return needs.stream().map(Need::toString).collect(Collectors.toCollection(TreeSet::new));
    }
}
