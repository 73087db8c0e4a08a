package io.scstbus.trainer.bus;

import com.sun.management.OperatingSystemMXBean;
import io.scstbus.proto.ClientConfig;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.RewardSpec;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.rewards.data.AnnotationFormat;
import io.scstbus.rewards.data.AnnotationReader;
import io.scstbus.rewards.data.ImageEntry;
import io.scstbus.rewards.worker.ReferencesPublisher;
import io.scstbus.trainer.scst.RolloutGroups;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Java trainer's bus client's own cost per SCST step, against workers already running (BENCHMARKS.md,
 * "Python client"): the twin of clients/python/bench/bus_overhead.py, same workload (32 RSICD train images x
 * (5 samples + greedy), 7 signals), same measurements (process CPU from publish to the end of collect; wall
 * time of publish and of collect after a settle pause). Not a test: run its main on the test classpath.
 *
 * <pre>
 * java -cp trainer/target/test-classes:trainer/target/classes:$(cat /tmp/cp.txt) \
 *     io.scstbus.trainer.bus.BusOverheadBench localhost:9092 [steps] [warmup]
 * </pre>
 */
public final class BusOverheadBench {

    private static final List<String> SIGNALS = List.of("cider_d", "length", "sde", "count_abs", "count_coverage",
            "oversight", "hallucination");
    private static final String DATASET = "bench-rsicd";
    private static final int IMAGES = 32;
    private static final int SAMPLES = 5;
    private static final long SETTLE_MS = 2000;

    private BusOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<ImageEntry> work = new ArrayList<>();
        for (ImageEntry e : AnnotationReader.read(Path.of("testdata/rsicd/rsicd_5caps.json"), AnnotationFormat.AUTO, null)) {
            if (e.split().equals("train") && work.size() < IMAGES) {
                work.add(e);
            }
        }
        Map<String, Object> client = ClientConfig.base(bootstrap, null);
        List<ImageReferences> refs = work.stream().map(e -> ImageReferences.newBuilder().setDataset(DATASET)
                .setImageId(e.imageId()).setSplit("train").addAllCaptions(e.captions()).build()).toList();
        new ReferencesPublisher(client, Topics.DEFAULT).publish(refs);
        Map<String, Double> weights = new LinkedHashMap<>();
        SIGNALS.forEach(s -> weights.put(s, 1.0));
        RewardSpec spec = RolloutGroups.spec(weights);
        String run = "bench-java-" + UUID.randomUUID().toString().substring(0, 6);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> cpu = new ArrayList<>();
        List<Double> publish = new ArrayList<>();
        List<Double> collect = new ArrayList<>();
        try (KafkaRewardBus bus = new KafkaRewardBus(client, Topics.DEFAULT, run, Duration.ofSeconds(60))) {
            for (int step = 1; step <= warmup + steps; step++) {
                List<RolloutGroup> groups = new ArrayList<>();
                for (int i = 0; i < work.size(); i++) {
                    List<String> samples = new ArrayList<>();
                    for (int j = 0; j < SAMPLES; j++) {
                        samples.add(work.get((i + j + step) % work.size()).captions().get(0));
                    }
                    groups.add(RolloutGroups.group(run, step, 0, DATASET, work.get(i).imageId(), samples,
                            new int[SAMPLES], work.get(i).captions().get(0), 0, spec, System.currentTimeMillis()));
                }
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                bus.publish(step, groups);
                long t1 = System.nanoTime();
                Thread.sleep(SETTLE_MS);
                long t2 = System.nanoTime();
                StepRewards r = bus.collect(step);
                long t3 = System.nanoTime();
                long c1 = os.getProcessCpuTime();
                if (r.complete().size() != groups.size() || r.stats().groupsRerequested() > 0) {
                    throw new IllegalStateException("step " + step + ": " + r.complete().size() + " of " + groups.size()
                            + " groups complete: the workers did not keep up");
                }
                if (step > warmup) {
                    cpu.add((c1 - c0) / 1e6);
                    publish.add((t1 - t0) / 1e6);
                    collect.add((t3 - t2) / 1e6);
                }
            }
        }
        System.out.printf(Locale.ROOT, "java (KafkaRewardBus): %d steps; ms per step, median (p90): client CPU %.1f (%.1f),"
                        + " publish %.1f (%.1f), collect after settle %.1f (%.1f)%n", cpu.size(), median(cpu), p90(cpu),
                median(publish), p90(publish), median(collect), p90(collect));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static double p90(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) (0.9 * s.size())));
    }
}
