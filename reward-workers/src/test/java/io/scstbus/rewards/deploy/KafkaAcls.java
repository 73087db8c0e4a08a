package io.scstbus.rewards.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scstbus.rewards.deploy.DeployContract.Need;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The simple-authorizer ACLs of a Strimzi KafkaUser, and whether they cover what a component needs. */
final class KafkaAcls {

    record Acl(String type, String name, boolean prefix, Set<String> operations) {

        boolean grants(Need need) {
            if (!type.equalsIgnoreCase(need.type())) {
                return false;
            }
            if (!operations.contains(need.operation()) && !operations.contains("All")) {
                return false;
            }
            if (type.equalsIgnoreCase("cluster")) {
                return true;
            }
            // A literal ACL grants that one name; a prefix ACL grants every name (or prefix) under it.
            return prefix ? need.name().startsWith(name) : !need.prefix() && need.name().equals(name);
        }

        @Override
        public String toString() {
            return operations + " on " + type + (prefix ? " prefix " : " ") + name;
        }
    }

    private KafkaAcls() {
    }

    static List<Acl> of(JsonNode kafkaUser) {
        List<Acl> acls = new ArrayList<>();
        for (JsonNode a : kafkaUser.path("spec").path("authorization").path("acls")) {
            JsonNode resource = a.path("resource");
            Set<String> operations = new LinkedHashSet<>();
            a.path("operations").forEach(op -> operations.add(op.asText()));
            if (a.has("operation")) {
                operations.add(a.path("operation").asText());
            }
            String pattern = resource.path("patternType").asText("literal").toLowerCase(Locale.ROOT);
            acls.add(new Acl(resource.path("type").asText(), resource.path("name").asText(""),
                    pattern.equals("prefix"), Set.copyOf(operations)));
        }
        return acls;
    }

    /** The needs no ACL grants. */
    static List<Need> missing(List<Acl> acls, Collection<Need> needs) {
        return needs.stream().filter(n -> acls.stream().noneMatch(a -> a.grants(n))).toList();
    }

    /** Operations granted by some ACL that none of the needs uses: more than the components require. */
    static List<String> surplus(List<Acl> acls, Collection<Need> needs) {
        List<String> out = new ArrayList<>();
        for (Acl acl : acls) {
            for (String op : acl.operations()) {
                Acl single = new Acl(acl.type(), acl.name(), acl.prefix(), Set.of(op));
                if (needs.stream().noneMatch(single::grants)) {
                    out.add(op + " on " + acl.type() + (acl.prefix() ? " prefix " : " ") + acl.name());
                }
            }
        }
        return out;
    }
}
