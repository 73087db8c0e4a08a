package io.scstbus.rewards.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Jib set-up: shared settings in the parent's pluginManagement, an "images" profile in each runnable
 * module that names the image, the main class and binds jib:buildTar. (Building the tarballs themselves
 * needs the plugin from Maven Central and takes a minute: deploy/check-images.sh.)
 */
class ImageProfileTest {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static Element pom(String module) {
        try {
            Path file = DeployFiles.root().resolve(module.isEmpty() ? "pom.xml" : module + "/pom.xml");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the pom of '" + module + "'", e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The element at a path of child names (the first match at each step), or null. */
    static Element at(Element from, String... path) {
        Element e = from;
        for (String step : path) {
            List<Element> next = children(e, step);
            if (next.isEmpty()) {
                return null;
            }
            e = next.get(0);
        }
        return e;
    }

    static String text(Element from, String... path) {
        Element e = at(from, path);
        return e == null ? null : e.getTextContent().trim();
    }

    static String parentProperty(String name) {
        return text(pom(""), "properties", name);
    }

    static String projectVersion() {
        return text(pom(""), "version");
    }

    /** Replaces ${property} with the parent's properties (and project.version). */
    static String resolve(String value) {
        Matcher m = PROPERTY.matcher(value);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1).equals("project.version")
                ? projectVersion() : String.valueOf(parentProperty(r.group(1)))));
    }

    static Element jib(Element plugins) {
        for (Element plugin : children(plugins, "plugin")) {
            if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                return plugin;
            }
        }
        return null;
    }

    @Test
    void theParentConfiguresJibForContainers() {
        Element jib = jib(at(pom(""), "build", "pluginManagement", "plugins"));
        assertNotNull(jib, "parent pluginManagement has no jib-maven-plugin");
        assertEquals("com.google.cloud.tools", text(jib, "groupId"));
        assertEquals("3.5.2", resolve(text(jib, "version")));
        assertEquals("eclipse-temurin:17-jre", resolve(text(jib, "configuration", "from", "image")));
        String user = resolve(text(jib, "configuration", "container", "user"));
        assertTrue(user.matches("[1-9][0-9]*(:[0-9]+)?"), "a numeric non-root user, got " + user);
        List<String> flags = new ArrayList<>();
        children(at(jib, "configuration", "container", "jvmFlags"), "jvmFlag").forEach(f -> flags.add(f.getTextContent().trim()));
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage=")), "heap from the container limit: " + flags);
        assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), "exit on OOM: " + flags);
    }

    @Test
    void eachRunnableModuleHasAnImagesProfileWithItsMainClass() {
        for (String module : DeployContract.MAIN_CLASSES.keySet()) {
            Element profile = children(at(pom(module), "profiles"), "profile").stream()
                    .filter(p -> "images".equals(text(p, "id"))).findFirst()
                    .orElseThrow(() -> new AssertionError(module + "/pom.xml has no profile 'images'"));
            Element jib = jib(at(profile, "build", "plugins"));
            assertNotNull(jib, module + ": the images profile does not use jib-maven-plugin");
            assertEquals(DeployContract.MAIN_CLASSES.get(module), text(jib, "configuration", "container", "mainClass"), module);
            String image = resolve(text(jib, "configuration", "to", "image"));
            String expected = module.equals("trainer") ? DeployContract.TRAINER_IMAGE : DeployContract.WORKER_IMAGE;
            assertEquals(expected + ":" + projectVersion(), image, module + " image name (compose and kustomize use it)");
            assertTrue(text(jib, "executions").contains("buildTar"), module + ": the profile binds jib:buildTar");
        }
        Element workerPorts = at(children(at(pom("reward-workers"), "profiles"), "profile").get(0),
                "build", "plugins", "plugin", "configuration", "container", "ports");
        assertNotNull(workerPorts, "the worker image declares no ports");
        assertTrue(workerPorts.getTextContent().contains(String.valueOf(DeployContract.GRPC_PORT))
                && workerPorts.getTextContent().contains(String.valueOf(DeployContract.METRICS_PORT)), "worker image ports");
    }
}
