package io.scstbus.rewards.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rendered objects of one overlay, with the look-ups the deploy tests share. */
final class Manifests {

    final String overlay;
    final List<JsonNode> objects;

    Manifests(String overlay, List<JsonNode> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    static Manifests of(String overlay) {
        return new Manifests(overlay, DeployFiles.render(overlay));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                overlay + ": no " + kind + " named " + name + " among the rendered objects"));
    }

    String where(JsonNode o) {
        return overlay + ": " + o.path("kind").asText() + " " + name(o);
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** True when every label of the selector is on the object with the same value (an empty selector matches none). */
    static boolean selects(JsonNode matchLabels, Map<String, String> labels) {
        Map<String, String> wanted = strings(matchLabels);
        return !wanted.isEmpty() && wanted.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** A workload with a pod template: Deployment, StatefulSet, DaemonSet or Job. */
    record Workload(JsonNode object, JsonNode podSpec, Map<String, String> podLabels) {

        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return Manifests.name(object);
        }

        List<JsonNode> containers() {
            List<JsonNode> out = new ArrayList<>();
            podSpec.path("containers").forEach(out::add);
            return out;
        }

        Optional<JsonNode> volume(String name) {
            for (JsonNode v : podSpec.path("volumes")) {
                if (name.equals(v.path("name").asText())) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    List<Workload> workloads() {
        List<Workload> out = new ArrayList<>();
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            if (List.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(kind)) {
                JsonNode template = o.path("spec").path("template");
                out.add(new Workload(o, template.path("spec"), strings(template.path("metadata").path("labels"))));
            }
        }
        return out;
    }

    /** Workloads whose pods carry all of these labels. */
    List<Workload> selectedBy(JsonNode matchLabels) {
        return workloads().stream().filter(w -> selects(matchLabels, w.podLabels())).toList();
    }

    /** Containers running one of the project's images (scst-bus/...), with their launcher command. */
    record ProjectContainer(Workload workload, JsonNode container, LauncherCommand command) {

        String where(String overlay) {
            return overlay + ": " + workload.kind() + " " + workload.name() + " container "
                    + container.path("name").asText();
        }
    }

    List<ProjectContainer> projectContainers() {
        List<ProjectContainer> out = new ArrayList<>();
        for (Workload w : workloads()) {
            for (JsonNode c : w.containers()) {
                String image = c.path("image").asText();
                if (image.startsWith(DeployContract.WORKER_IMAGE + ":") || image.startsWith(DeployContract.TRAINER_IMAGE + ":")) {
                    List<String> args = new ArrayList<>();
                    c.path("args").forEach(a -> args.add(a.asText()));
                    out.add(new ProjectContainer(w, c, LauncherCommand.parse(image, args)));
                }
            }
        }
        return out;
    }

    /** The container port with this number or name, if declared. */
    static Optional<JsonNode> port(JsonNode container, JsonNode numberOrName) {
        for (JsonNode p : container.path("ports")) {
            boolean match = numberOrName.isInt()
                    ? p.path("containerPort").asInt() == numberOrName.asInt()
                    : numberOrName.asText().equals(p.path("name").asText());
            if (match) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The env entry of a container with this name, if any. */
    static Optional<JsonNode> env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
