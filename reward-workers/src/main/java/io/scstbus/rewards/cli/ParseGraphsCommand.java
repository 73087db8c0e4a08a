package io.scstbus.rewards.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.SceneGraph;
import io.scstbus.rewards.graph.SceneGraphParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reward-worker parse-graphs}: captions on stdin, one scene graph per line on stdout. */
@Command(name = "parse-graphs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reads one caption per line on standard input and writes one scene graph per line on standard "
                    + "output, in the same order. An empty line gives an empty graph (an empty line in factual "
                    + "format, {\"entities\":[],\"relations\":[]} in json).",
        })
public final class ParseGraphsCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format {
        factual, json
    }

    @Mixin
    ParserOptions parser = new ParserOptions();

    @Mixin
    FactualModelOptions factual = new FactualModelOptions();

    @Mixin
    RemoteParserOptions remote = new RemoteParserOptions();

    @Option(names = "--format", defaultValue = "factual",
            description = "Output format: factual (FACTUAL's text format, e.g. ( planes , is , 3 ) , "
                    + "( planes , park in , airport ), comparable with FACTUAL's gold graphs) or json "
                    + "(entities with text, lemma, count, quantity, attributes; relations). Default: ${DEFAULT-VALUE}.")
    Format format = Format.factual;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public ParseGraphsCommand() {
        this(System.in, System.out, System.err);
    }

    public ParseGraphsCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        SceneGraphParser graphs;
        try {
            graphs = parser.build(factual, remote);
        } catch (IllegalStateException e) {
            err.println("parse-graphs: " + e.getMessage());
            return 2;
        }
        SceneGraphJson json = new SceneGraphJson(new ObjectMapper());
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                SceneGraph graph = line.isBlank() ? SceneGraph.EMPTY : graphs.parse(line.strip());
                writer.println(format == Format.json ? json.write(graph) : FactualFormat.write(graph));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read captions from standard input", e);
        } finally {
            writer.flush();
            parser.close();
        }
        // PrintWriter and PrintStream keep write errors to themselves: ask, so a full disk or a closed pipe fails
        if (writer.checkError() || out.checkError()) {
            err.println("parse-graphs: cannot write standard output (a full disk or a closed pipe?)");
            return 1;
        }
        return 0;
    }
}
