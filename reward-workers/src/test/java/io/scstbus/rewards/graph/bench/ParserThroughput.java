package io.scstbus.rewards.graph.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.graph.CachingSceneGraphParser;
import io.scstbus.rewards.graph.SceneGraphParser;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Single-thread throughput of the rules parser on RSICD captions. Usage:
 * {@code ParserThroughput rsicd_5caps.json [distinct-captions]}. Prints model load time, captions/s
 * on distinct captions (after a warm-up pass over other captions), and captions/s through the cache
 * on all 54,605 reference captions in dataset order (2.2 distinct per image, so mostly repeats).
 */
public final class ParserThroughput {

    private ParserThroughput() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode images = new ObjectMapper().readTree(Path.of(args[0]).toFile()).path("images");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        List<String> all = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (JsonNode image : images) {
            for (JsonNode sentence : image.path("sentences")) {
                all.add(sentence.path("raw").asText());
                distinct.add(sentence.path("raw").asText());
            }
        }
        List<String> unique = new ArrayList<>(distinct);
        List<String> warmup = unique.subList(unique.size() - Math.min(3000, unique.size() - n), unique.size());
        List<String> measured = unique.subList(0, Math.min(n, unique.size() - warmup.size()));

        long t0 = System.nanoTime();
        SceneGraphParser parser = new RulesSceneGraphParser();
        System.out.printf("load: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        warmup.forEach(parser::parse);

        long t1 = System.nanoTime();
        measured.forEach(parser::parse);
        double seconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("distinct: %d captions in %.2f s = %.0f captions/s (%.2f ms each), one thread%n",
                measured.size(), seconds, measured.size() / seconds, 1000 * seconds / measured.size());

        CachingSceneGraphParser cached = new CachingSceneGraphParser(parser, 100_000);
        long t2 = System.nanoTime();
        all.forEach(cached::parse);
        double cachedSeconds = (System.nanoTime() - t2) / 1e9;
        System.out.printf("cached, all references: %d captions in %.2f s = %.0f captions/s; %s, hit rate %.3f%n",
                all.size(), cachedSeconds, all.size() / cachedSeconds, cached.stats(), cached.stats().hitRate());

        long t3 = System.nanoTime();
        all.forEach(cached::parse);
        double warmSeconds = (System.nanoTime() - t3) / 1e9;
        System.out.printf("cached, second pass (all hits): %.0f captions/s (%.2f us each)%n",
                all.size() / warmSeconds, 1e6 * warmSeconds / all.size());
    }
}
