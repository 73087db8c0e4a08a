package io.scstbus.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** text/ and metrics/ (with metrics/spice/) are pure Java: no transport or model library may leak in (docs/design.md). */
class PurePackagesTest {

    private static final List<String> FORBIDDEN = List.of("import org.apache.kafka", "import io.grpc", "import ai.djl",
            "import io.scstbus.rewards.worker", "import io.scstbus.proto");

    @Test
    void textAndMetricsImportNoKafkaGrpcOrDjl() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String pkg : List.of("text", "metrics")) {
            Path dir = Path.of("src/main/java/io/scstbus/rewards", pkg);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
                            offenders.add(file.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
