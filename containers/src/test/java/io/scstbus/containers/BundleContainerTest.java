package io.scstbus.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The portable bundle (scripts/bundle.sh) on a host that has only the archive: a Debian minbase container
 * with no Java (scst-bus/base:bookworm, from deploy/build-local-images.sh), into which nothing of the
 * project but the .tar.xz is copied, unpacked there and started by its bin/reward-worker as user 65532.
 * The inputs copied beside it are data (score items, a caption dataset). One container for the class;
 * the bundle is built once, from the jars this build packaged, with fast compression (xz -0).
 */
class BundleContainerTest {

    private static final DockerImageName NO_JAVA_BASE = DockerImageName.parse("scst-bus/base:bookworm");
    private static final String HOME = "/var/lib/scst-bus";
    private static final String LAUNCHER = "scst-bus-workers/bin/reward-worker";
    private static final List<String> SCORE =
            List.of("score", "--tokenize", "none", "--metrics", "cider_d,bleu,rouge_l");
    /** RSICD test images made into score items. */
    private static final int ITEMS = 100;
    /** A bench phase line: | group | instances | phase | in flight | steps | captions/s | ... */
    private static final Pattern THROUGHPUT_ROW =
            Pattern.compile("(?m)^\\| cheap \\| 1 \\| throughput \\| 8 \\| (\\d+) \\| ([\\d,]+) \\|");
    /** The bench's closing line: every score OK (a class or file the bundle left out would make some not OK). */
    private static final Pattern ALL_SCORES_OK = Pattern.compile("(?m)^1 instance\\(s\\): scores (\\d+) OK, 0 not OK");

    private static Path work;
    private static GenericContainer<?> host;

    @BeforeAll
    static void bundleOnAHostWithoutJava() throws Exception {
        LocalImages.requireDocker();
        work = LocalImages.root().resolve("containers/target/bundle-test");
        Files.createDirectories(work);
        Path archive = buildBundle(work.resolve("scst-bus-workers.tar.xz"));
        writeScoreItems(work.resolve("score-items.jsonl"));

        host = new GenericContainer<>(NO_JAVA_BASE)
                .withNetworkMode("host")   // the bench's embedded broker and worker talk over loopback
                .withWorkingDirectory(HOME)
                .withCreateContainerCmdModifier(cmd -> cmd.withUser("65532"))
                .withCommand("sleep", "infinity")
                .withCopyFileToContainer(MountableFile.forHostPath(archive), HOME + "/scst-bus-workers.tar.xz")
                .withCopyFileToContainer(MountableFile.forHostPath(work.resolve("score-items.jsonl")),
                        HOME + "/score-items.jsonl")
                .withCopyFileToContainer(
                        MountableFile.forHostPath(LocalImages.root().resolve("testdata/ucm/dataset.json")),
                        HOME + "/ucm-dataset.json");
        host.start();
        ExecResult unpacked = host.execInContainer("tar", "-xJf", "scst-bus-workers.tar.xz");
        assertEquals(0, unpacked.getExitCode(), "tar -xJf in the container:\n" + unpacked.getStderr());
    }

    @AfterAll
    static void removeContainer() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void theHostHasNoJavaOutsideTheBundle() throws Exception {
        ExecResult found = host.execInContainer("sh", "-c", "command -v java javac jlink; find / -xdev -path "
                + HOME + "/scst-bus-workers -prune -o \\( -name java -o -name 'libjvm.so' \\) -print 2>/dev/null");
        assertEquals("", found.getStdout(), "a Java runtime outside the bundle in " + NO_JAVA_BASE);
    }

    @Test
    void scoreFromTheBundleWritesTheBytesTheMavenBuildWrites() throws Exception {
        ExecResult scored = host.execInContainer("sh", "-c",
                "timeout 300 " + LAUNCHER + " " + String.join(" ", SCORE) + " < score-items.jsonl > scores.jsonl");
        assertEquals(0, scored.getExitCode(), "score from the bundle:\n" + scored.getStderr());
        byte[] fromBundle = host.copyFileFromContainer(HOME + "/scores.jsonl", in -> in.readAllBytes());

        byte[] fromBuild = scoreWithTheMavenBuild(work.resolve("score-items.jsonl"), work.resolve("scores-build.jsonl"));
        assertEquals(ITEMS + 1, new String(fromBuild, StandardCharsets.UTF_8).lines().count(), "items + corpus line");
        assertArrayEquals(fromBuild, fromBundle, "score output of the bundle differs from the Maven build's");
    }

    @Test
    void theBenchRunsItsEmbeddedBrokerAndAWorkerProcessAndReportsThroughput() throws Exception {
        ExecResult bench = host.execInContainer("timeout", "600", LAUNCHER, "bench", "--group", "cheap",
                "--instances", "1", "--warmup", "PT3S", "--duration", "PT3S", "--idle", "PT0S", "--min-steps", "3",
                "--in-flight", "8", "--dataset-json", "ucm-dataset.json", "--no-progress");
        String output = bench.getStdout() + "\n--- stderr ---\n" + bench.getStderr();
        assertEquals(0, bench.getExitCode(), "bench from the bundle:\n" + output);
        Matcher row = THROUGHPUT_ROW.matcher(bench.getStdout());
        assertTrue(row.find(), "no throughput row for 1 cheap instance:\n" + output);
        assertTrue(Integer.parseInt(row.group(1)) >= 3, "throughput steps: " + row.group());
        assertTrue(Long.parseLong(row.group(2).replace(",", "")) > 0, "captions/s: " + row.group());
        Matcher scores = ALL_SCORES_OK.matcher(bench.getStdout());
        assertTrue(scores.find() && Long.parseLong(scores.group(1)) > 0, "scores not all OK:\n" + output);
    }

    /** scripts/bundle.sh --prebuilt over the reward-workers jars this build packaged, xz -0. */
    private static Path buildBundle(Path archive) throws Exception {
        Path log = work.resolve("bundle.log");
        ProcessBuilder pb = new ProcessBuilder("bash", LocalImages.root().resolve("scripts/bundle.sh").toString(),
                "--prebuilt", "--out", archive.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BUNDLE_XZ", "-0");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            fail("scripts/bundle.sh did not finish in 10 min:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "scripts/bundle.sh failed:\n" + Files.readString(log));
        return archive;
    }

    /** The same score command with the reward-workers jar and target/lib, as bin/reward-worker runs it. */
    private static byte[] scoreWithTheMavenBuild(Path items, Path scores) throws Exception {
        Path module = LocalImages.root().resolve("reward-workers/target");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp",
                module.resolve("reward-workers-" + LocalImages.VERSION + ".jar") + ":" + module.resolve("lib") + "/*",
                "io.scstbus.rewards.cli.RewardWorkerCommand"));
        command.addAll(SCORE);
        Path err = work.resolve("scores-build.err");
        Process p = new ProcessBuilder(command).redirectInput(items.toFile()).redirectOutput(scores.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            fail("score with the Maven build did not finish in 5 min:\n" + Files.readString(err));
        }
        assertEquals(0, p.exitValue(), "score with the Maven build:\n" + Files.readString(err));
        return Files.readAllBytes(scores);
    }

    /**
     * RSICD test images as score items: the candidate is the image's first caption (even items) or the
     * next image's (odd items: a caption of another scene), the references its other four.
     */
    private static void writeScoreItems(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode image : json.readTree(LocalImages.root().resolve("testdata/rsicd/rsicd_5caps.json").toFile())
                .get("images")) {
            // one image more than items: the last odd item takes the next image's caption
            if (image.get("split").asText().equals("test") && images.size() <= ITEMS) {
                images.add(image);
            }
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            JsonNode image = images.get(i);
            ObjectNode item = json.createObjectNode().put("id", image.get("filename").asText())
                    .put("candidate", images.get(i + i % 2).get("sentences").get(0).get("raw").asText());
            var references = item.putArray("references");
            for (int s = 1; s < image.get("sentences").size(); s++) {
                references.add(image.get("sentences").get(s).get("raw").asText());
            }
            lines.append(json.writeValueAsString(item)).append('\n');
        }
        Files.writeString(file, lines);
    }
}
