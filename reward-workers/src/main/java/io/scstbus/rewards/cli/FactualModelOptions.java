package io.scstbus.rewards.cli;

import io.scstbus.rewards.graph.factual.FactualOnnxParser;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the FACTUAL backend, for every command that can run it ({@code --parser factual}). */
public final class FactualModelOptions {

    @Option(names = "--factual-model", paramLabel = "DIR",
            description = "Directory of the FACTUAL ONNX export (encoder_model.onnx, decoder_model.onnx, "
                    + "tokenizer.json, config.json, as 'optimum-cli export onnx' writes them; see "
                    + "docs/factual-parser.md). Checked at start. Required with --parser factual.")
    Path modelDir;

    @Option(names = "--onnx-threads", defaultValue = "0", paramLabel = "N",
            description = "ONNX Runtime threads per operator for FACTUAL (default: ${DEFAULT-VALUE}, ONNX Runtime's "
                    + "choice: one per core).")
    int onnxThreads;

    @Option(names = "--gpu", defaultValue = "-1", paramLabel = "ID",
            description = "CUDA device for FACTUAL; -1 runs on the CPU (default: ${DEFAULT-VALUE}). A GPU needs the "
                    + "onnxruntime_gpu build of ONNX Runtime on the classpath, see docs/factual-parser.md.")
    int gpu = -1;

    /** Loads and checks the model; a missing {@code --factual-model} or a bad model is an IllegalStateException. */
    public FactualOnnxParser load() {
        if (modelDir == null) {
            throw new IllegalStateException("--factual-model DIR is required with --parser factual");
        }
        return FactualOnnxParser.load(modelDir, FactualOnnxParser.Options.FACTUAL.withGpu(gpu)
                .withIntraOpThreads(onnxThreads));
    }
}
