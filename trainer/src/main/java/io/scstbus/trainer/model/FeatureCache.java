package io.scstbus.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A frozen encoder's features (R, C) per image, computed once. An image is known by a digest of its
 * pixels and of the encoder (name, and for a TorchScript file its size and modification time), so the
 * same image under another encoder, or after the file changed, is a miss. {@code memory} keeps them
 * in the heap (R x C x 4 bytes per image: 400 KB for ResNet-50 at 224 px), {@code disk:DIR} in one
 * file per image under DIR, reused by later runs.
 */
public final class FeatureCache {

    private final String encoder;
    private final Path dir;
    private final Map<String, float[]> memory = new ConcurrentHashMap<>();
    private long hits;
    private long misses;
    private Shape rowShape;

    private FeatureCache(String encoder, Path dir) {
        this.encoder = encoder;
        this.dir = dir;
    }

    /** The cache {@code model.feature_cache} asks for, or null for {@code none}. */
    static FeatureCache of(ModelConfig config) {
        if (config.featureCache().equals("none")) {
            return null;
        }
        String encoder = config.encoder() + "@" + config.imageSize();
        if (config.encoder().startsWith(ModelConfig.TORCHSCRIPT)) {
            Path file = Path.of(config.encoder().substring(ModelConfig.TORCHSCRIPT.length()));
            try {
                encoder += ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read TorchScript encoder " + file, e);
            }
        }
        Path dir = config.featureCache().startsWith("disk:") ? Path.of(config.featureCache().substring(5)) : null;
        return new FeatureCache(encoder, dir);
    }

    /** Features (B, R, C) of {@code images} (B, 3, S, S): cached rows looked up, the others computed by {@code encode}. */
    public NDArray features(NDArray images, UnaryOperator<NDArray> encode) {
        int rows = Math.toIntExact(images.getShape().get(0));
        float[] pixels = images.toFloatArray();
        int plane = pixels.length / Math.max(1, rows);
        String[] keys = new String[rows];
        float[][] found = new float[rows][];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            keys[i] = key(pixels, i * plane, plane);
            found[i] = lookup(keys[i]);
            if (found[i] == null) {
                missing.add(i);
            }
        }
        synchronized (this) {
            hits += rows - missing.size();
            misses += missing.size();
        }
        if (!missing.isEmpty()) {
            long[] index = missing.stream().mapToLong(Integer::longValue).toArray();
            NDArray computed = encode.apply(images.get(OwnedArrays.of(images.getManager(), index)));
            Shape s = computed.getShape();
            rowShape = new Shape(s.get(1), s.get(2));
            float[] values = computed.toFloatArray();
            int size = Math.toIntExact(rowShape.size());
            for (int m = 0; m < index.length; m++) {
                float[] row = new float[size];
                System.arraycopy(values, m * size, row, 0, size);
                found[(int) index[m]] = row;
                store(keys[(int) index[m]], row);
            }
        }
        int size = found[0].length;
        float[] all = new float[rows * size];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(found[i], 0, all, i * size, size);
        }
        return OwnedArrays.of(images.getManager(), all, new Shape(rows, rowShape.get(0), rowShape.get(1)));
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    private float[] lookup(String key) {
        float[] row = memory.get(key);
        if (row != null || dir == null) {
            return row;
        }
        Path file = dir.resolve(key + ".f32");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            long r = buffer.getInt();
            long c = buffer.getInt();
            rowShape = new Shape(r, c);
            row = new float[Math.toIntExact(r * c)];
            buffer.asFloatBuffer().get(row);
            return row;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("feature cache file " + file + " is unreadable (delete it to recompute): "
                    + e.getMessage(), e);
        }
    }

    private void store(String key, float[] row) {
        if (dir == null) {
            memory.put(key, row);
            return;
        }
        try {
            Files.createDirectories(dir);
            ByteBuffer buffer = ByteBuffer.allocate(8 + 4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putInt((int) rowShape.get(0)).putInt((int) rowShape.get(1));
            buffer.asFloatBuffer().put(row);
            Path tmp = Files.createTempFile(dir, ".feature", ".tmp");
            Files.write(tmp, buffer.array());
            Files.move(tmp, dir.resolve(key + ".f32"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the feature cache under " + dir, e);
        }
    }

    private String key(float[] pixels, int from, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(encoder.getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.allocate(4 * length);
            bytes.asFloatBuffer().put(pixels, from, length);
            digest.update(bytes.array());
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
