#!/usr/bin/env bash
# Writes testdata/partitioning/image-partitions.tsv: the rollout partition of image ids as the Java side's
# io.scstbus.proto.ImagePartitioner.partitionOf computes it, for 1, 3, 12 and 64 partitions, with the raw
# Kafka murmur2 of each id. ImagePartitionerTest (Java) and the Python client's tests/test_partitioning.py
# both check every row, so the two languages agree on where an image's rollouts go. Run it only after a
# deliberate change of the partitioning (the committed file is what both sides are held to).
# Ids: every 400th RSICD file name and every 97th UCM file name in file order (UCM's ids 1..2100 include
# Sydney-Captions' 1..613, which are named the same way), the DIOR sample images, and ids made up here
# with non-ASCII letters, a space and 1- to 3-byte tails; an id is a file name without its extension
# (ImageEntry.idOf), as the trainers publish it.
# Usage: scripts/image-partitions-fixture.sh   (from anywhere; builds proto first)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -B -ntp -q -pl proto -am package -DskipTests
# proto depends on third-party jars only, so its classpath resolves without the reactor
./mvnw -B -ntp -q -pl proto dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null

cat > "$work/ImagePartitionsFixture.java" <<'JAVA'
import io.scstbus.proto.ImagePartitioner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;

public class ImagePartitionsFixture {
    static final Pattern FILENAME = Pattern.compile("\"filename\"\\s*:\\s*\"([^\"\\\\]+)\"");
    static final int[] COUNTS = {1, 3, 12, 64};
    static final List<String> MADE_UP = List.of("é", "ü1", "aéroport_1", "机场_12", "🛰_7", "Zürich Flughafen 3",
            "dense_residential_near_the_river_tile_0042_of_a_larger_scene");

    static String idOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    static List<String> everyNth(Path karpathy, int n) throws Exception {
        Matcher m = FILENAME.matcher(Files.readString(karpathy));
        List<String> out = new ArrayList<>();
        for (int i = 0; m.find(); i++) {
            if (i % n == 0) {
                out.add(idOf(m.group(1)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(karpathy + " has no \"filename\" entries");
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path testdata = Path.of(args[0]);
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(everyNth(testdata.resolve("rsicd/rsicd_5caps.json"), 400));
        ids.addAll(everyNth(testdata.resolve("ucm/dataset.json"), 97));
        try (Stream<Path> dior = Files.list(testdata.resolve("dior/sample_images"))) {
            dior.map(p -> idOf(p.getFileName().toString())).sorted().forEach(ids::add);
        }
        ids.addAll(MADE_UP);
        StringBuilder tsv = new StringBuilder("image_id\tmurmur2\tpartitions\tpartition\n");
        for (String id : ids) {
            if (id.isEmpty() || id.matches("(?s).*[\\t\\n\\r].*")) {
                throw new IllegalStateException("image id '" + id + "' cannot be a TSV field");
            }
            int hash = Utils.murmur2(id.getBytes(StandardCharsets.UTF_8));
            for (int count : COUNTS) {
                tsv.append(id).append('\t').append(hash).append('\t').append(count).append('\t')
                        .append(ImagePartitioner.partitionOf(id, count)).append('\n');
            }
        }
        Path out = testdata.resolve("partitioning/image-partitions.tsv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, tsv, StandardCharsets.UTF_8);
        System.err.println("wrote " + ids.size() + " ids x " + COUNTS.length + " partition counts to " + out);
    }
}
JAVA

# slf4j without a provider warns on stderr; the generator needs no logging
java -Dslf4j.internal.verbosity=ERROR -cp "proto/target/classes:$(cat "$work/cp.txt")" \
  "$work/ImagePartitionsFixture.java" "$root/testdata"
