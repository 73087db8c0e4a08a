package io.scstbus.trainer.scst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.RolloutKey;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.trainer.bus.CandidateRewards;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.bus.JoinStats;
import io.scstbus.trainer.bus.StepRewards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fixture {@code testdata/cross-check/advantages.json} holds rollouts' scores and the advantages this
 * trainer computes from them (RewardCombiner without normalisation, the empty-sample floor, then the
 * baseline); the Python
 * client's {@code tests/test_cross_check.py} reads the same file and must match to 1e-12. This test fails
 * when the Java side no longer reproduces the committed advantages. Regenerate (after a deliberate change):
 * {@code ./mvnw -B -ntp -q -pl trainer -am test -Dtest=AdvantagesCrossCheckTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dscstbus.writeFixture=true}.
 */
class AdvantagesCrossCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String RUN = "cross-check";
    private static final List<String> SIGNALS = List.of("cider_d", "length", "sde", "count_abs", "count_coverage",
            "oversight", "hallucination");

    static Path fixture() {
        return Path.of(System.getProperty("scstbus.testdata", "../testdata")).toAbsolutePath().normalize()
                .resolve("cross-check/advantages.json");
    }

    @Test
    void javaReproducesTheCommittedAdvantages() throws IOException {
        if (Boolean.getBoolean("scstbus.writeFixture")) {
            Files.createDirectories(fixture().getParent());
            Files.writeString(fixture(), JSON.writeValueAsString(generate()) + "\n");
        }
        JsonNode root = JSON.readTree(fixture().toFile());
        assertFalse(root.get("cases").isEmpty());
        for (JsonNode c : root.get("cases")) {
            JsonNode actual = expected(c);
            JsonNode committed = c.get("expected");
            String name = c.get("name").asText();
            assertEquals(names(committed.get("left_out")), names(actual.get("left_out")), name + ": left out");
            assertEquals(committed.get("images").size(), actual.get("images").size(), name + ": images kept");
            for (int i = 0; i < actual.get("images").size(); i++) {
                JsonNode want = committed.get("images").get(i);
                JsonNode got = actual.get("images").get(i);
                assertEquals(want.get("image_id"), got.get("image_id"), name);
                for (String field : List.of("rewards", "advantages")) {
                    assertArrayEquals(doubles(want.get(field)), doubles(got.get(field)), 1e-12,
                            name + " " + want.get("image_id") + " " + field);
                }
                assertEquals(want.get("greedy_reward").asDouble(), got.get("greedy_reward").asDouble(), 1e-12, name);
            }
        }
    }

    /** What this trainer computes for a case: kept images' rewards and advantages, and the images left out. */
    private static ObjectNode expected(JsonNode c) {
        Map<String, Double> weights = new LinkedHashMap<>();
        c.get("weights").properties().forEach(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        List<RolloutKey> published = new ArrayList<>();
        Map<RolloutKey, GroupRewards> complete = new LinkedHashMap<>();
        Map<RolloutKey, Set<Integer>> empty = new HashMap<>();
        for (JsonNode g : c.get("groups")) {
            RolloutKey key = Keys.rollout(RUN, 1, g.get("image_id").asText());
            published.add(key);
            g.path("empty").forEach(index -> empty.computeIfAbsent(key, k -> new HashSet<>()).add(index.asInt()));
            List<CandidateRewards> samples = new ArrayList<>();
            for (JsonNode s : g.get("samples")) {
                samples.add(new CandidateRewards(samples.size(), false, scores(s)));
            }
            complete.put(key, new GroupRewards(key, samples, new CandidateRewards(samples.size(), true, scores(g.get("greedy")))));
        }
        List<RolloutKey> dropped = new ArrayList<>();
        for (JsonNode d : c.get("dropped")) {
            RolloutKey key = Keys.rollout(RUN, 1, d.asText());
            published.add(key);
            dropped.add(key);
        }
        CombinedRewards combined = new RewardCombiner(weights, new RewardNormalizer(RewardNormalization.NONE))
                .combine(published, new StepRewards(complete, dropped, JoinStats.ZERO), empty);
        Baseline baseline = BaselineKind.valueOf(c.get("baseline").asText()).create();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode images = out.putArray("images");
        for (GroupReward g : combined.groups()) {
            ObjectNode image = images.addObject();
            image.put("image_id", g.key().getImageId());
            ArrayNode rewards = image.putArray("rewards");
            for (double r : g.samples()) {
                rewards.add(r);
            }
            image.put("greedy_reward", g.greedy());
            ArrayNode advantages = image.putArray("advantages");
            for (double a : baseline.advantages(g.samples(), g.greedy())) {
                advantages.add(a);
            }
        }
        ArrayNode leftOut = out.putArray("left_out");
        combined.leftOutNotOk().forEach(k -> leftOut.add(k.getImageId()));
        combined.missing().forEach(k -> leftOut.add(k.getImageId()));
        return out;
    }

    private static Map<String, SignalScore> scores(JsonNode candidate) {
        Map<String, SignalScore> out = new HashMap<>();
        candidate.properties().forEach(e -> {
            JsonNode s = e.getValue();
            out.put(e.getKey(), SignalScore.newBuilder().setSignal(e.getKey()).setValue(s.get(0).asDouble())
                    .setStatus(ScoreStatus.valueOf(s.get(1).asText())).setReason(s.get(2).asText()).build());
        });
        return out;
    }

    /** The fixture's inputs: realistic score ranges from a fixed seed, and the cases both clients treat alike. */
    private static ObjectNode generate() {
        Random random = new Random(20261204L);
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("cider_d", 1.0);
        weights.put("length", 0.0);
        weights.put("sde", 0.5);
        weights.put("count_abs", -0.1);
        weights.put("count_coverage", 0.25);
        weights.put("oversight", -0.05);
        weights.put("hallucination", -0.05);
        ObjectNode root = JSON.createObjectNode();
        root.put("about", "Scores of rollout groups and the advantages the Java trainer computes from them "
                + "(trainer AdvantagesCrossCheckTest writes and checks this file; clients/python tests/test_cross_check.py "
                + "checks the Python client against it). Scores are [value, status, reason].");
        ArrayNode cases = root.putArray("cases");
        for (String baseline : List.of("GREEDY", "LEAVE_ONE_OUT")) {
            ObjectNode c = cases.addObject();
            c.put("name", baseline.toLowerCase(java.util.Locale.ROOT) + " baseline, 7 signals, K = 5");
            c.put("baseline", baseline);
            ObjectNode w = c.putObject("weights");
            weights.forEach(w::put);
            ArrayNode groups = c.putArray("groups");
            for (int i = 0; i < 6; i++) {
                ObjectNode g = groups.addObject();
                g.put("image_id", "img" + i);
                ArrayNode samples = g.putArray("samples");
                for (int k = 0; k < 5; k++) {
                    samples.add(candidate(random));
                }
                g.set("greedy", candidate(random));
            }
            // a weighted signal not OK on a sample: left out under both baselines
            ((ObjectNode) groups.get(2).get("samples").get(3)).set("sde", status("ERROR", "parser failed"));
            // an unweighted signal not OK: kept
            ((ObjectNode) groups.get(3).get("samples").get(0)).set("length", status("INVALID", "caption is empty"));
            // the greedy caption not OK: left out under both baselines (mean-of-others does not use its
            // reward, but both clients keep or leave out a group alike)
            ((ObjectNode) groups.get(4).get("greedy")).set("cider_d", status("TIMEOUT", "past the deadline"));
            // an empty sampled caption (INVALID on every signal): the group is kept, the sample gets the floor
            ObjectNode blank = JSON.createObjectNode();
            SIGNALS.forEach(signal -> blank.set(signal, status("INVALID", "caption is empty")));
            ((ArrayNode) groups.get(5).get("samples")).set(1, blank);
            ((ObjectNode) groups.get(5)).putArray("empty").add(1);
            c.putArray("dropped").add("img-dropped");
            c.set("expected", expected(c));
        }
        return root;
    }

    private static ObjectNode candidate(Random random) {
        ObjectNode c = JSON.createObjectNode();
        for (String signal : SIGNALS) {
            double value = switch (signal) {
                case "cider_d" -> random.nextDouble() * 3.0;
                case "length" -> 4 + random.nextInt(20);
                case "count_abs" -> random.nextInt(12) / 4.0 + random.nextDouble();
                case "oversight", "hallucination" -> random.nextInt(5);
                default -> random.nextDouble();
            };
            ArrayNode score = c.putArray(signal);
            score.add(value).add("OK").add("");
        }
        return c;
    }

    private static ArrayNode status(String status, String reason) {
        return JSON.createArrayNode().add(0.0).add(status).add(reason);
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
