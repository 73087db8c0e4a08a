package io.scstbus.rewards.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finds the repository's deployment files and renders kustomize overlays with {@code kubectl kustomize}. */
final class DeployFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private DeployFiles() {
    }

    /** The repository root: the nearest ancestor of the working directory with deploy/ and pom.xml. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/overlays")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with deploy/overlays above " + Path.of("").toAbsolutePath());
    }

    /** Every overlay directory under deploy/overlays, by name. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(root().resolve("deploy/overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All YAML documents of a file (empty documents dropped). */
    static List<JsonNode> readYaml(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static JsonNode readYamlFile(Path file) {
        try {
            List<JsonNode> docs = readYaml(Files.readString(file));
            if (docs.size() != 1) {
                throw new IllegalStateException(file + ": expected one YAML document, found " + docs.size());
            }
            return docs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The objects {@code kubectl kustomize deploy/overlays/NAME} renders. Fails when kubectl is not
     * installed (the overlay checks never skip): deploy/ci-install-kubectl.sh installs it, and CI runs it first.
     */
    static List<JsonNode> render(String overlay) {
        if (!kubectlAvailable()) {
            throw new IllegalStateException("kubectl is not on PATH, so the kustomize overlay " + overlay
                    + " cannot be rendered and checked; run deploy/ci-install-kubectl.sh (CI does)");
        }
        return RENDERED.computeIfAbsent(overlay, DeployFiles::runKustomize);
    }

    private static List<JsonNode> runKustomize(String overlay) {
        Path dir = root().resolve("deploy/overlays").resolve(overlay);
        try {
            Path errors = Files.createTempFile("kustomize-" + overlay, ".err");
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(errors.toFile()).start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 120 s");
            }
            String err = Files.readString(errors);
            Files.delete(errors);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue()
                        + "):\n" + err);
            }
            return List.copyOf(readYaml(out));
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl kustomize " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rendering " + dir, e);
        }
    }

    private static volatile Boolean kubectl;

    static boolean kubectlAvailable() {
        if (kubectl == null) {
            boolean found;
            try {
                Process p = new ProcessBuilder("kubectl", "version", "--client")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                found = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                found = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                found = false;
            }
            kubectl = found;
        }
        return kubectl;
    }
}
