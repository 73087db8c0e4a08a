package io.scstbus.rewards.bench;

import io.scstbus.rewards.TestData;
import io.scstbus.rewards.metrics.Bleu;
import io.scstbus.rewards.metrics.CiderD;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.metrics.RougeL;
import io.scstbus.rewards.text.PtbTokenizer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread throughput of the metrics over 10,000 RSICD candidates x 5 references, in candidates
 * per second. CIDEr-D uses the RSICD train document frequencies (testdata/metrics/rsicd_train_df.tsv)
 * and, like self-critical's CiderD, counts every reference's n-grams again for each candidate. Captions
 * are tokenised before timing (as pycocoevalcap does); {@link #ptbTokenizer} times that step alone, in
 * captions per second. Run: see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MetricsBenchmark {

    private BenchmarkData data;
    private CiderD ciderD;
    private final PtbTokenizer tokenizer = new PtbTokenizer();

    @Setup
    public void setUp() throws IOException {
        data = new BenchmarkData();
        ciderD = new CiderD(CorpusStats.load(TestData.data("metrics/rsicd_train_df.tsv")));
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.ITEMS)
    public void ciderD(Blackhole sink) {
        for (int i = 0; i < BenchmarkData.ITEMS; i++) {
            sink.consume(ciderD.score(data.candidates.get(i), data.references.get(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.ITEMS)
    public void bleu(Blackhole sink) {
        for (int i = 0; i < BenchmarkData.ITEMS; i++) {
            sink.consume(Bleu.score(data.candidates.get(i), data.references.get(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.ITEMS)
    public void rougeL(Blackhole sink) {
        for (int i = 0; i < BenchmarkData.ITEMS; i++) {
            sink.consume(RougeL.score(data.rougeCandidates.get(i), data.rougeReferences.get(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkData.ITEMS)
    public void ptbTokenizer(Blackhole sink) {
        for (int i = 0; i < BenchmarkData.ITEMS; i++) {
            sink.consume(tokenizer.tokenize(data.rawCaptions.get(i)));
        }
    }
}
