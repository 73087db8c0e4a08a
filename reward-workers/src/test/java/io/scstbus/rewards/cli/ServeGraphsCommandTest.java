package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.factual.TinyFactualModel;
import io.scstbus.rewards.graph.remote.RemoteSceneGraphParser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ServeGraphsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ServeGraphsCommand command() {
        return new ServeGraphsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpExplainsEveryOption() {
        CommandLine serve = new CommandLine(new RewardWorkerCommand()).getSubcommands().get("serve-graphs");
        for (OptionSpec option : serve.getCommandSpec().options()) {
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    option.longestName() + " has no description");
        }
        String help = serve.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String option : List.of("--parser", "--factual-model", "--port", "--metrics-port", "--threads",
                "--cache-size", "--max-batch", "--max-caption-chars", "--onnx-threads", "--gpu")) {
            assertTrue(help.contains(option), option + " missing from\n" + help);
        }
        assertEquals("factual", serve.getCommandSpec().findOption("--parser").defaultValue());
        assertTrue(help.contains("default: 50061"), help);
    }

    @Test
    void missingOrBrokenModelExitsWithTheReason(@TempDir Path dir) {
        int code = new CommandLine(command()).execute("--port", "0");
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--factual-model DIR is required"), err.toString());

        err.reset();
        Path missing = dir.resolve("absent");
        code = new CommandLine(command()).execute("--factual-model", missing.toString(), "--port", "0");
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("FACTUAL model " + missing + ": directory does not "
                + "exist"), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("serve-graphs stopped"), out.toString());
    }

    @Test
    void servesTheFactualModelWithHealthAndMetrics(@TempDir Path dir) throws Exception {
        Path model = TinyFactualModel.write(dir.resolve("factual"));
        ServeGraphsCommand command = command();
        new CommandLine(command).parseArgs("--factual-model", model.toString(), "--port", "0", "--metrics-port", "0",
                "--onnx-threads", "1", "--threads", "2");
        try (ServeGraphsCommand.Server server = command.open()) {
            ManagedChannel channel = Grpc.newChannelBuilder("localhost:" + server.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
                assertEquals(ServingStatus.NOT_SERVING,
                        health.check(HealthCheckRequest.getDefaultInstance()).getStatus());

                server.load();
                assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
            } finally {
                channel.shutdownNow();
            }

            RemoteParserOptions remoteOptions = new RemoteParserOptions();
            new CommandLine(remoteOptions).parseArgs("--graph-service", "localhost:" + server.port());
            try (RemoteSceneGraphParser remote = remoteOptions.connect()) {
                assertEquals(FactualFormat.read(TinyFactualModel.TARGET), remote.parse("three planes parked"));
                assertEquals(FactualFormat.read(TinyFactualModel.TARGET), remote.parse("three planes parked"));
                assertTrue(remote.version().startsWith("remote:factual-onnx/1:"), remote.version());
            }

            String metrics;
            try (InputStream in = URI.create("http://localhost:" + server.metricsPort() + "/metrics").toURL()
                    .openStream()) {
                metrics = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(metrics.contains("scstbus_graphs_parse_seconds_count{parser=\"factual\"} 1"), metrics);
            assertTrue(metrics.contains("scstbus_graphs_cache_hits_total 1"), metrics);
        }
    }

    @Test
    void sigtermStopsTheServerCleanly(@TempDir Path dir) throws Exception {
        Path model = TinyFactualModel.write(dir.resolve("factual"));
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "io.scstbus.rewards.cli.RewardWorkerCommand", "serve-graphs",
                "--factual-model", model.toString(), "--port", "0", "--onnx-threads", "1", "--threads", "1"));
        Path log = dir.resolve("serve-graphs.err");
        Path stdout = dir.resolve("serve-graphs.out");
        Process process = new ProcessBuilder(java).redirectError(log.toFile()).redirectOutput(stdout.toFile()).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(stdout).contains("serve-graphs ready") && process.isAlive()
                    && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(stdout).contains("serve-graphs ready"),
                    "not ready: " + Files.readString(stdout) + "\n" + Files.readString(log));
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");
            assertTrue(Files.readString(stdout).contains("serve-graphs stopped"),
                    Files.readString(stdout) + "\n" + Files.readString(log));
            assertEquals(143, process.exitValue()); // 128 + SIGTERM: the JVM's exit after its shutdown hooks
        } finally {
            process.destroyForcibly();
        }
    }
}
