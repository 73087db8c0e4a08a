package io.scstbus.trainer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads an image file (anything {@link ImageIO} reads: PNG, JPEG, TIFF, BMP) and resizes it to
 * {@code size x size} with bilinear interpolation into channel-first RGB bytes (0..255), 3 x size x
 * size of them: a quarter of the memory of floats, so a whole split can stay in memory. {@link
 * #toFloats(byte[])} and the batching code scale them to [-1, 1].
 */
public final class ImageLoader {

    private final int size;

    public ImageLoader(int size) {
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("image size must be in [8, 1024], got " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** @throws ImageProblem naming the file when it is missing or cannot be decoded */
    public byte[] load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ImageProblem(ImageProblem.Kind.MISSING, file, "image file " + file + " does not exist");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageProblem(ImageProblem.Kind.UNREADABLE, file, "image file " + file + " cannot be read: " + e.getMessage());
        }
        if (image == null) {
            throw new ImageProblem(ImageProblem.Kind.UNREADABLE, file, "image file " + file + " is not in a format ImageIO reads");
        }
        return toArray(image);
    }

    public byte[] toArray(BufferedImage image) {
        BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        int plane = size * size;
        byte[] out = new byte[3 * plane];
        int[] rgb = resized.getRGB(0, 0, size, size, null, 0, size);
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            out[i] = (byte) (p >> 16);
            out[plane + i] = (byte) (p >> 8);
            out[2 * plane + i] = (byte) p;
        }
        return out;
    }

    /** Channel-first bytes to floats in [-1, 1]. */
    public static float[] toFloats(byte[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (pixels[i] & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    /** A missing or unreadable image file. */
    public static final class ImageProblem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** What is wrong with the file. */
        public enum Kind { MISSING, UNREADABLE }

        private final Kind kind;
        private final transient Path file;

        public ImageProblem(Kind kind, Path file, String message) {
            super(message);
            this.kind = kind;
            this.file = file;
        }

        public Kind kind() {
            return kind;
        }

        public Path file() {
            return file;
        }
    }
}
