package io.scstbus.rewards.cli;

import io.scstbus.proto.CheckedSends;
import io.scstbus.proto.TopicAdmin;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.CountDictionaries;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.worker.ReferencesPublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reward-worker load-references}: a dataset's references and count dictionaries into the references topic. */
@Command(name = "load-references", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Publishes one record per image of a caption annotation file (its reference captions, split and "
                    + "count dictionary) to the compacted references topic, keyed by dataset and image id (the file "
                    + "name without extension, as the trainer and build-counts name images).",
            "Idempotent: images whose record on the topic is already identical are not written again. "
                    + "Prints progress and the final counts, as acknowledged by the broker; exits 1 if a record "
                    + "could not be written (rerunning writes only what is missing).",
        })
public final class LoadReferencesCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--dataset", required = true, paramLabel = "NAME",
            description = "Dataset name the trainer puts in its rollouts (e.g. rsicd); part of every record key.")
    String dataset;

    @Option(names = {"--annotations", "--dataset-file"}, required = true, paramLabel = "FILE",
            description = "Caption annotations: a Karpathy-style dataset.json ({\"images\": [{\"filename\", \"split\", "
                    + "\"sentences\": [{\"raw\"}]}]}, e.g. testdata/rsicd/rsicd_5caps.json), COCO or LAVIS "
                    + "annotations (read as the trainer reads them).")
    Path annotations;

    @Option(names = "--counts", paramLabel = "FILE",
            description = "Count dictionaries by image id: one JSON object {\"<image id>\": {\"storage tank\": 3}} "
                    + "or JSON Lines of such objects, as 'reward-worker build-counts' writes them. Images without "
                    + "an entry get an empty dictionary.")
    Path counts;

    @Option(names = "--split", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Only images of these splits (e.g. train,val); default: every image.")
    List<String> splits;

    private final PrintStream out;
    private final PrintStream err;

    public LoadReferencesCommand() {
        this(System.out, System.err);
    }

    public LoadReferencesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        List<ImageReferences> references;
        try {
            references = references(CaptionDataset.read(annotations), counts == null ? Map.of() : CountDictionaries.read(counts));
        } catch (IOException | IllegalArgumentException e) {
            err.println("load-references: " + e.getMessage());
            return 2;
        }
        String topic = kafka.topics().references();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            if (!TopicAdmin.missing(admin, List.of(topic)).isEmpty()) {
                err.println("load-references: topic " + topic + " does not exist on " + kafka.bootstrap
                        + "; create it with 'reward-worker create-topics'");
                return 2;
            }
        }
        ProgressBar bar = ProgressBar.on(err, "load-references", "images");
        bar.total(references.size());
        ReferencesPublisher.LoadReport report;
        try {
            report = new ReferencesPublisher(kafka.clientConfig(), kafka.topics())
                    .publish(references, done -> bar.update(done, ""));
        } catch (CheckedSends.SendFailedException e) {
            bar.finish(references.size(), "failed");
            err.printf("load-references: dataset %s: %d images, %d written, %d NOT written to %s: %s%n", dataset,
                    references.size(), e.acknowledged(), e.failed(), topic, e.getMessage());
            return 1;
        }
        bar.finish(references.size(), "");
        out.printf("load-references: dataset %s: %d images, %d written, %d unchanged, to %s%n",
                dataset, report.offered(), report.written(), report.unchanged(), topic);
        return 0;
    }

    private List<ImageReferences> references(CaptionDataset data, Map<String, Map<String, Integer>> byImage) {
        List<ImageReferences> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (ImageEntry image : data.images()) {
            if (splits != null && !splits.contains(image.split())) {
                continue;
            }
            String id = image.imageId();
            if (!seen.add(id)) {
                throw new IllegalArgumentException(annotations + ": image id '" + id + "' occurs twice");
            }
            out.add(ImageReferences.newBuilder().setDataset(dataset).setImageId(id).setSplit(image.split())
                    .addAllCaptions(image.captions()).putAllCounts(byImage.getOrDefault(id, Map.of())).build());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(annotations + ": no images" + (splits == null ? "" : " in splits " + splits));
        }
        Set<String> unmatched = new TreeSet<>(byImage.keySet());
        unmatched.removeAll(seen);
        if (!unmatched.isEmpty() && splits == null) {
            err.println("load-references: " + unmatched.size() + " count dictionaries name no image of the dataset, e.g. '"
                    + unmatched.iterator().next() + "'");
        }
        return out;
    }
}
