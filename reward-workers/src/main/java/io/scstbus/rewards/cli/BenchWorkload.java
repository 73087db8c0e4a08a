package io.scstbus.rewards.cli;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.worker.StandardSignals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Rollout groups that look like SCST's, built from a caption dataset: per image, K sampled captions and
 * one greedy caption, each a reference caption of the same image (half the time) or of another image,
 * with a word dropped now and then, so texts repeat about as much as a trained policy's samples do.
 * Deterministic for a seed: the same (step, index) always gives the same image and captions.
 */
public final class BenchWorkload {

    private static final String[] OBJECTS = {"building", "tree", "car", "plane", "road", "river", "house",
        "ship", "storage tank", "tennis court", "baseball field", "pond", "bridge", "parking lot", "farmland"};
    private static final String[] COUNTS = {"two", "three", "four", "several", "many", "some"};
    private static final String[] PLACES = {"a residential area", "an airport", "a port", "a forest", "a park",
        "the desert", "a school", "an industrial area"};

    /** Default share of candidates given a word no caption of theirs has: new text for every cache. */
    public static final double DEFAULT_NOVEL = 0.5;

    private final String dataset;
    private final List<ImageReferences> references;
    private final long seed;
    private final double novel;
    private final List<String> vocabulary;

    private BenchWorkload(String dataset, List<ImageReferences> references, long seed, double novel) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset + "' has no images with captions");
        }
        if (novel < 0 || novel > 1) {
            throw new IllegalArgumentException("novel caption share must be in [0, 1], got " + novel);
        }
        this.dataset = dataset;
        this.references = List.copyOf(references);
        this.seed = seed;
        this.novel = novel;
        java.util.Set<String> words = new java.util.TreeSet<>();
        references.forEach(r -> r.getCaptionsList().forEach(c -> words.addAll(Arrays.asList(c.split(" ")))));
        words.remove("");
        this.vocabulary = List.copyOf(words);
    }

    /**
     * The same workload where a share {@code novel} of the candidates (0..1) has one word replaced by a
     * random word of the dataset's vocabulary: a policy's samples are not all dataset captions, and a
     * new text misses every per-text cache (tokens, scene graphs).
     */
    public BenchWorkload withNovelCaptions(double novel) {
        return new BenchWorkload(dataset, references, seed, novel);
    }

    /** The images of {@code split} of a Karpathy {@code dataset.json} (or COCO annotations) that have captions. */
    public static BenchWorkload fromDataset(Path file, String split, long seed) throws IOException {
        CaptionDataset data = CaptionDataset.read(file);
        List<ImageReferences> refs = new ArrayList<>();
        for (ImageEntry image : data.images(split)) {
            if (!image.captions().isEmpty()) {
                refs.add(ImageReferences.newBuilder().setDataset(data.name()).setImageId(image.imageId())
                        .setSplit(image.split().isEmpty() ? "train" : image.split())
                        .addAllCaptions(image.captions()).build());
            }
        }
        return new BenchWorkload(data.name(), refs, seed, DEFAULT_NOVEL);
    }

    /** {@code images} images of template captions about remote-sensing scenes, five captions each. */
    public static BenchWorkload synthetic(int images, long seed) {
        Random random = new Random(seed);
        List<ImageReferences> refs = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            String place = PLACES[random.nextInt(PLACES.length)];
            String main = OBJECTS[random.nextInt(OBJECTS.length)];
            String other = OBJECTS[random.nextInt(OBJECTS.length)];
            ImageReferences.Builder b = ImageReferences.newBuilder().setDataset("synthetic")
                    .setImageId(String.valueOf(i)).setSplit("train");
            for (int c = 0; c < 5; c++) {
                String count = COUNTS[random.nextInt(COUNTS.length)];
                b.addCaptions(switch (c % 3) {
                    case 0 -> count + " " + main + "s are near a " + other + " in " + place + " .";
                    case 1 -> "there are " + count + " " + main + "s in " + place + " .";
                    default -> "a " + other + " is surrounded by " + count + " " + main + "s .";
                });
            }
            refs.add(b.build());
        }
        return new BenchWorkload("synthetic", refs, seed, DEFAULT_NOVEL);
    }

    public String dataset() {
        return dataset;
    }

    public List<ImageReferences> references() {
        return references;
    }

    /** CIDEr-D document frequencies of the workload's training references. */
    public CorpusStats corpusStats() {
        return StandardSignals.corpusStats(references);
    }

    /**
     * The {@code index}-th rollout group of {@code step}: K = {@code samples} sampled captions and a greedy
     * one. A step's images are consecutive images from a random start, so they are distinct while
     * {@code index} stays below the number of images.
     */
    public RolloutGroup rollout(String runId, long step, int index, int samples, List<String> signals) {
        int start = new Random(Objects.hash(seed, step)).nextInt(references.size());
        ImageReferences image = references.get((start + index) % references.size());
        Random random = new Random(Objects.hash(seed, step, index));
        RolloutGroup.Builder b = RolloutGroup.newBuilder()
                .setKey(Keys.rollout(runId, step, image.getImageId()))
                .setDataset(dataset)
                .setPolicyVersion(step)
                .setRewardSpec(RewardSpec.newBuilder().addAllSignals(signals));
        for (int i = 0; i < samples; i++) {
            b.addSamples(candidate(i, false, caption(image, random)));
        }
        return b.setGreedy(candidate(samples, true, caption(image, random))).build();
    }

    private String caption(ImageReferences image, Random random) {
        ImageReferences source = random.nextInt(2) == 0 ? image : references.get(random.nextInt(references.size()));
        String caption = source.getCaptions(random.nextInt(source.getCaptionsCount()));
        List<String> words = new ArrayList<>(Arrays.asList(caption.split(" ")));
        if (words.size() > 3 && random.nextInt(3) == 0) {
            words.remove(1 + random.nextInt(words.size() - 2));
        }
        if (words.size() > 2 && random.nextDouble() < novel) {
            words.set(1 + random.nextInt(words.size() - 2), vocabulary.get(random.nextInt(vocabulary.size())));
        }
        return String.join(" ", words);
    }

    private static Candidate candidate(int index, boolean greedy, String text) {
        return Candidate.newBuilder().setSampleIndex(index).setGreedy(greedy).setText(text)
                .setTokenCount(text.split(" ").length).build();
    }
}
