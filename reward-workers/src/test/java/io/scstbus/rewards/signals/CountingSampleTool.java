package io.scstbus.rewards.signals;

import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code draft IN.tsv}: prints the sample with the default parser's objects in the objects column, as a
 * starting point for labelling by hand. {@code score LABELLED.tsv}: prints the parser's object F1 and
 * count accuracy against the labels, and every caption where they disagree.
 */
public final class CountingSampleTool {

    private CountingSampleTool() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ObjectAlignment alignment = CountingSample.alignment(new RulesSceneGraphParser());
        var rows = CountingSample.read(Path.of(args[1]));
        if (args[0].equals("draft")) {
            out.println("sentid\timage\tstratum\tcaption\tobjects");
            for (CountingSample.Row r : rows) {
                out.println(String.join("\t", r.sentid(), r.image(), r.stratum(), r.caption(),
                        CountingSample.format(CountingSample.predicted(alignment, r.caption()))));
            }
        } else {
            CountingSample.Score s = CountingSample.score(rows, alignment);
            s.disagreements().forEach(out::println);
            out.println(s.describe());
        }
    }
}
