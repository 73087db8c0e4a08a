package io.scstbus.rewards.graph.bench;

import io.scstbus.rewards.graph.FactualCsv;
import io.scstbus.rewards.graph.FactualFormat;
import io.scstbus.rewards.graph.rules.RulesSceneGraphParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses every caption of a FACTUAL CSV with the rules parser and writes {@code caption<TAB>graph}
 * lines for {@code sgeval.py}. Usage: {@code ParseFactualDev GOLD.csv PRED.tsv}.
 */
public final class ParseFactualDev {

    private ParseFactualDev() {
    }

    public static void main(String[] args) throws IOException {
        Path gold = Path.of(args[0]);
        Path pred = Path.of(args[1]);
        RulesSceneGraphParser parser = new RulesSceneGraphParser();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(pred, StandardCharsets.UTF_8))) {
            for (FactualCsv.Row row : FactualCsv.read(gold)) {
                String caption = row.caption().replace('\t', ' ').replace('\n', ' ');
                out.println(caption + "\t" + FactualFormat.write(parser.parse(row.caption())));
            }
        }
    }
}
