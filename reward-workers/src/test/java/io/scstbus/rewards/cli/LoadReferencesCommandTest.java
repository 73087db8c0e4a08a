package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Keys;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.rewards.TestData;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.worker.ReferencesPublisher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** load-references against a real broker with the UCM-Captions dataset from the shared data. */
@ExtendWith(KafkaBrokerExtension.class)
class LoadReferencesCommandTest {

    private static final Path UCM = TestData.data("ucm/dataset.json");
    private static String bootstrap;

    @BeforeAll
    static void broker(EmbeddedKafkaBroker broker) {
        bootstrap = broker.bootstrapServers();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new LoadReferencesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<ReferencesKey, ImageReferences> topicContent(Topics topics) {
        return new ReferencesPublisher(ClientConfig.base(bootstrap, null), topics).readAll();
    }

    @Test
    void publishesEveryImageOfTheSplitsWithCaptionsAndCounts(EmbeddedKafkaBroker broker, @TempDir Path dir)
            throws Exception {
        Topics topics = Topics.withPrefix("load.");
        broker.createBusTopics(topics, 1);
        CaptionDataset ucm = CaptionDataset.read(UCM);
        ImageEntry image = ucm.images("test").get(7);
        String id = image.imageId();
        Path counts = Files.writeString(dir.resolve("counts.jsonl"),
                "{\"1\": {\"tennis court\": 2}}\n{\"" + id + "\": {\"building\": 3, \"tree\": 1}}\n");

        Run run = run("--bootstrap", bootstrap, "--topic-prefix", "load.", "--dataset", "ucm",
                "--annotations", UCM.toString(), "--counts", counts.toString(), "--split", "test,val");

        assertEquals(0, run.exitCode(), run.err());
        int expected = ucm.images("test").size() + ucm.images("val").size();
        assertEquals(420, expected, "UCM has 210 test and 210 val images");
        Map<ReferencesKey, ImageReferences> content = topicContent(topics);
        assertEquals(expected, content.size());
        ImageReferences refs = content.get(Keys.references("ucm", id));
        assertEquals(image.captions(), refs.getCaptionsList());
        assertEquals(image.split(), refs.getSplit());
        assertEquals(Map.of("building", 3, "tree", 1), refs.getCountsMap());
        assertTrue(run.out().contains("420 images, 420 written, 0 unchanged"), run.out());
    }

    @Test
    void loadingAgainWritesNothing(EmbeddedKafkaBroker broker) {
        Topics topics = Topics.withPrefix("reload.");
        broker.createBusTopics(topics, 1);
        String[] args = {"--bootstrap", bootstrap, "--topic-prefix", "reload.", "--dataset", "ucm",
            "--dataset-file", UCM.toString()};
        assertEquals(0, run(args).exitCode());

        Run again = run(args);

        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("2100 images, 0 written, 2100 unchanged"), again.out());
        assertTrue(again.err().contains("100.0% 2,100/2,100 images"), "progress on stderr: " + again.err());
        assertEquals(2100, topicContent(topics).size());
    }

    @Test
    void missingTopicIsReportedWithTheFix() {
        Run run = run("--bootstrap", bootstrap, "--topic-prefix", "absent.", "--dataset", "ucm",
                "--annotations", UCM.toString(), "--split", "test");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("topic absent.scst.references does not exist"), run.err());
    }

    @Test
    void recordsTheBrokerRejectsFailTheCommandAndTheCountsAreWhatWasWritten() throws Exception {
        // a references topic whose records may not exceed 450 bytes: the broker rejects the longer images
        try (Admin admin = Admin.create(ClientConfig.base(bootstrap, null))) {
            admin.createTopics(List.of(new NewTopic("small.scst.references", 1, (short) 1).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "450")))).all().get();
        }

        Run run = run("--bootstrap", bootstrap, "--topic-prefix", "small.", "--dataset", "ucm",
                "--annotations", UCM.toString(), "--split", "test");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        Matcher counts = Pattern.compile("210 images, (\\d+) written, (\\d+) NOT written to small.scst.references")
                .matcher(run.err());
        assertTrue(counts.find(), run.err());
        assertTrue(run.err().contains("RecordTooLargeException"), "the cause is named: " + run.err());
        int written = Integer.parseInt(counts.group(1));
        assertEquals(written, topicContent(Topics.withPrefix("small.")).size(), "reported written = on the topic");
        assertEquals(210, written + Integer.parseInt(counts.group(2)));
        assertTrue(written > 0 && written < 210, "some images fit, some do not: " + run.err());
        assertEquals("", run.out(), "nothing claims success");
    }

    @Test
    void badCountFailsNamingImageAndObject(@TempDir Path dir) throws Exception {
        Path counts = Files.writeString(dir.resolve("counts.json"), "{\"1901\": {\"tennis court\": -2}}");

        Run run = run("--bootstrap", bootstrap, "--dataset", "ucm", "--annotations", UCM.toString(),
                "--counts", counts.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("image '1901', object 'tennis court' has count -2"), run.err());
    }

    @Test
    void isASubcommandOfTheLauncher() {
        List<String> names = List.copyOf(new CommandLine(new RewardWorkerCommand()).getSubcommands().keySet());
        assertTrue(names.contains("load-references"), names.toString());
    }
}
