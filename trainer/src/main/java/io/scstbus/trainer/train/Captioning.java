package io.scstbus.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.scstbus.rewards.console.ProgressBar;
import io.scstbus.trainer.data.ImageLoader;
import io.scstbus.trainer.data.Vocabulary;
import io.scstbus.trainer.model.Captioner;
import io.scstbus.trainer.model.OwnedArrays;
import io.scstbus.trainer.scst.Decoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Captions image files with a trained model, in batches: greedy, beam search or top-k sampling.
 * Images are read (and resized) a batch at a time, so a whole test split never sits in memory.
 */
public final class Captioning {

    /** An image to caption: its id in the results file and its file. */
    public record Image(String imageId, Path file) {
    }

    /** One line of a COCO results file. */
    public record Result(String imageId, String caption) {
    }

    /**
     * How captions are chosen.
     *
     * @param beams beam width; 1 = greedy unless {@code temperature} is set
     * @param temperature sampling temperature; 0 = not sampling
     * @param topK sample among the k most likely tokens; 0 = all
     * @param seed the sampling seed
     */
    public record Decode(int beams, double temperature, int topK, long seed) {
        public Decode {
            Checks.range("--beam", beams, 1, 100);
            Checks.range("--temperature", temperature, 0, 100);
            Checks.range("--top-k", topK, 0, 1_000_000);
            if (temperature > 0 && beams > 1) {
                throw new IllegalArgumentException("--beam and --temperature exclude each other: beam search or sampling");
            }
        }

        public static Decode greedy() {
            return new Decode(1, 0, 0, 1);
        }
    }

    private Captioning() {
    }

    public static List<Result> caption(Captioner model, Vocabulary vocabulary, List<Image> images, int batchSize,
                                       int maxLength, Decode decode, NDManager base, ProgressBar bar) {
        ImageLoader loader = new ImageLoader(model.imageSize());
        SplittableRandom random = new SplittableRandom(decode.seed());
        List<Result> out = new ArrayList<>(images.size());
        bar.total(images.size());
        int s = model.imageSize();
        for (int from = 0; from < images.size(); from += batchSize) {
            List<Image> chunk = images.subList(from, Math.min(images.size(), from + batchSize));
            float[] pixels = new float[chunk.size() * 3 * s * s];
            for (int i = 0; i < chunk.size(); i++) {
                float[] one = ImageLoader.toFloats(loader.load(chunk.get(i).file()));
                System.arraycopy(one, 0, pixels, i * one.length, one.length);
            }
            try (NDManager manager = base.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray batch = OwnedArrays.of(manager, pixels, new Shape(chunk.size(), 3, s, s));
                NDList encoded = model.encode(batch, false);
                int[][] ids = decode.temperature() > 0
                        ? Decoding.sampleTopK(model, encoded, decode.temperature(), decode.topK(), maxLength, random)
                        : Decoding.beam(model, encoded, decode.beams(), maxLength);
                for (int i = 0; i < chunk.size(); i++) {
                    out.add(new Result(chunk.get(i).imageId(), vocabulary.decode(ids[i])));
                }
            }
            bar.update(out.size(), "");
        }
        return out;
    }

    /** COCO results format: {@code [{"image_id": ..., "caption": "..."}]}. */
    public static void write(List<Result> results, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = json.createArrayNode();
        for (Result r : results) {
            array.addObject().put("image_id", r.imageId()).put("caption", r.caption());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(file.toFile(), array);
    }
}
