package io.scstbus.rewards.graph.factual;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The encoder and decoder graphs of a Hugging Face Optimum seq2seq export, run through DJL's ONNX Runtime
 * engine: {@code encoder_model.onnx} (input_ids, attention_mask -> last_hidden_state) and the plain
 * {@code decoder_model.onnx} (input_ids, encoder_attention_mask, encoder_hidden_states -> logits), which
 * recomputes the whole prefix each step ({@code decoder_with_past_model.onnx} is not used).
 * Thread-safe: ONNX Runtime sessions may run concurrently, and every run has its own NDManager.
 */
final class OnnxSeq2Seq implements AutoCloseable {

    static final String ENCODER_FILE = "encoder_model.onnx";
    static final String DECODER_FILE = "decoder_model.onnx";
    static final List<String> ENCODER_INPUTS = List.of("input_ids", "attention_mask");
    static final List<String> DECODER_INPUTS = List.of("input_ids", "encoder_attention_mask", "encoder_hidden_states");
    static final String ENCODER_OUTPUT = "last_hidden_state";
    static final String DECODER_OUTPUT = "logits";
    private static final String ENGINE = "OnnxRuntime";

    private final Path dir;
    private final Model encoder;
    private final Model decoder;

    private OnnxSeq2Seq(Path dir, Model encoder, Model decoder) {
        this.dir = dir;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /**
     * Loads both graphs and checks their input names.
     *
     * @param gpu            CUDA device id, or -1 for the CPU (the GPU needs the onnxruntime_gpu artifact)
     * @param intraOpThreads ONNX Runtime threads per operator, 0 for its default (one per core)
     */
    static OnnxSeq2Seq load(Path dir, int gpu, int intraOpThreads) {
        Device device = gpu < 0 ? Device.cpu() : Device.gpu(gpu);
        Map<String, String> options = new HashMap<>(); // never null: DJL applies the device only with options
        if (intraOpThreads > 0) {
            options.put("interOpNumThreads", "1");
            options.put("intraOpNumThreads", Integer.toString(intraOpThreads));
        }
        Model encoder = loadGraph(dir, ENCODER_FILE, device, options, ENCODER_INPUTS);
        try {
            Model decoder = loadGraph(dir, DECODER_FILE, device, options, DECODER_INPUTS);
            return new OnnxSeq2Seq(dir, encoder, decoder);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private static Model loadGraph(Path dir, String file, Device device, Map<String, String> options,
                                   List<String> inputs) {
        Path path = dir.resolve(file);
        Model model;
        try {
            model = Model.newInstance(file, device, ENGINE);
        } catch (RuntimeException e) {
            throw new FactualModelException(path, "DJL's " + ENGINE + " engine is not available", e);
        }
        try {
            model.load(dir, file.substring(0, file.length() - ".onnx".length()), options);
            Set<String> actual = Set.copyOf(model.describeInput().keys());
            if (!actual.equals(Set.copyOf(inputs))) {
                throw new FactualModelException(path, "has inputs " + new ArrayList<>(model.describeInput().keys())
                        + ", expected exactly " + inputs + " as Optimum exports them (a merged or with-past "
                        + "decoder is not supported here; use " + DECODER_FILE + ")");
            }
            return model;
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            if (e instanceof FactualModelException f) {
                throw f;
            }
            throw new FactualModelException(path, "is not a loadable ONNX model"
                    + (device.isGpu() ? " on " + device + " (GPU needs com.microsoft.onnxruntime:onnxruntime_gpu "
                    + "instead of onnxruntime, and CUDA)" : ""), e);
        }
    }

    /** One encoded input and its beams' decoder runs; close it to free the native tensors. */
    Run start(long[] inputIds, long[] attentionMask, int beams) {
        return new Run(inputIds, attentionMask, beams);
    }

    @Override
    public void close() {
        try {
            decoder.close();
        } finally {
            encoder.close();
        }
    }

    final class Run implements AutoCloseable {

        private final NDManager manager;
        private final NDArray encoderMask;
        private final NDArray encoderStates;
        private final int beams;

        private Run(long[] inputIds, long[] attentionMask, int beams) {
            this.beams = beams;
            this.manager = decoder.getNDManager().newSubManager();
            try {
                int length = inputIds.length;
                NDList out = forward(encoder, manager,
                        named(manager.create(inputIds, new Shape(1, length)), "input_ids"),
                        named(manager.create(attentionMask, new Shape(1, length)), "attention_mask"));
                NDArray hidden = output(out, ENCODER_OUTPUT, ENCODER_FILE);
                Shape shape = hidden.getShape();
                if (shape.dimension() != 3 || shape.get(0) != 1 || shape.get(1) != length) {
                    throw new IllegalStateException(ENCODER_FILE + " returned " + ENCODER_OUTPUT + " of shape "
                            + shape + " for input of shape (1, " + length + ")");
                }
                float[] states = hidden.toFloatArray();
                float[] repeated = new float[states.length * beams];
                long[] masks = new long[length * beams];
                for (int b = 0; b < beams; b++) {
                    System.arraycopy(states, 0, repeated, b * states.length, states.length);
                    System.arraycopy(attentionMask, 0, masks, b * length, length);
                }
                out.close();
                encoderMask = named(manager.create(masks, new Shape(beams, length)), "encoder_attention_mask");
                encoderStates = named(manager.create(repeated, new Shape(beams, length, shape.get(2))),
                        "encoder_hidden_states");
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        /** Logits of the next token after each sequence: {@code [beams][vocabulary]}. */
        float[][] nextTokenLogits(long[][] sequences) {
            if (sequences.length != beams) {
                throw new IllegalArgumentException(sequences.length + " sequences for a run of " + beams + " beams");
            }
            int length = sequences[0].length;
            long[] ids = new long[beams * length];
            for (int b = 0; b < beams; b++) {
                System.arraycopy(sequences[b], 0, ids, b * length, length);
            }
            try (NDManager step = manager.newSubManager()) {
                NDList out = forward(decoder, step, named(step.create(ids, new Shape(beams, length)), "input_ids"),
                        encoderMask, encoderStates);
                NDArray logits = output(out, DECODER_OUTPUT, DECODER_FILE);
                Shape shape = logits.getShape();
                if (shape.dimension() != 3 || shape.get(0) != beams || shape.get(1) != length) {
                    throw new IllegalStateException(DECODER_FILE + " returned " + DECODER_OUTPUT + " of shape " + shape
                            + " for input_ids of shape (" + beams + ", " + length + ")");
                }
                int vocabulary = Math.toIntExact(shape.get(2));
                float[] all = logits.toFloatArray();
                float[][] last = new float[beams][vocabulary];
                for (int b = 0; b < beams; b++) {
                    System.arraycopy(all, (b * length + length - 1) * vocabulary, last[b], 0, vocabulary);
                }
                return last;
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    private NDList forward(Model model, NDManager manager, NDArray... inputs) {
        // the engine attaches the outputs to the first input's manager, which the caller closes
        return model.getBlock().forward(new ParameterStore(manager, false), new NDList(inputs), false);
    }

    private NDArray output(NDList outputs, String name, String file) {
        NDArray array = outputs.get(name);
        if (array == null) {
            List<String> names = new ArrayList<>();
            outputs.forEach(a -> names.add(a.getName()));
            throw new IllegalStateException(dir.resolve(file) + " has outputs " + names + ", expected " + name);
        }
        return array;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
