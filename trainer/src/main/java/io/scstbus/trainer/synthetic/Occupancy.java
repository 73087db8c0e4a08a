package io.scstbus.trainer.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Pixel masks the layout consults while placing objects: which pixels are taken, which are not land
 * (sea, river and its banks) and which are navigable water. One instance per scene being laid out.
 */
final class Occupancy {

    private final int size;
    private final BufferedImage taken;
    private final BufferedImage notLand;
    private final BufferedImage navigable;

    Occupancy(int size) {
        this.size = size;
        this.taken = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        this.notLand = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        this.navigable = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    }

    void takeShape(Shape shape) {
        fill(taken, shape);
    }

    /** Takes every pixel the rectangle touches, so rectangles that pass {@link #free} never overlap it. */
    void take(Rectangle2D r) {
        byte[] data = data(taken);
        int x0 = Math.max(0, (int) Math.floor(r.getMinX()));
        int y0 = Math.max(0, (int) Math.floor(r.getMinY()));
        int x1 = Math.min(size, (int) Math.ceil(r.getMaxX()));
        int y1 = Math.min(size, (int) Math.ceil(r.getMaxY()));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                data[y * size + x] = (byte) 255;
            }
        }
    }

    void markNotLand(Shape shape) {
        fill(notLand, shape);
    }

    void markNavigable(Shape shape) {
        fill(navigable, shape);
    }

    /** Whether any pixel of the shape is taken or not land. */
    boolean blocks(Shape shape) {
        BufferedImage scratch = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        fill(scratch, shape);
        byte[] candidate = data(scratch);
        byte[] t = data(taken);
        byte[] n = data(notLand);
        for (int i = 0; i < candidate.length; i++) {
            if (candidate[i] != 0 && (t[i] != 0 || n[i] != 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rectangle lies inside the image. */
    boolean insideImage(Rectangle2D r) {
        return r.getMinX() >= 0 && r.getMinY() >= 0 && r.getMaxX() <= size && r.getMaxY() <= size;
    }

    /** Whether no pixel the rectangle touches is taken (and, for land objects, all are land). */
    boolean free(Rectangle2D r, boolean needsLand) {
        return !any(taken, r) && !(needsLand && any(notLand, r));
    }

    /** Whether every pixel the rectangle touches is navigable water. */
    boolean allNavigable(Rectangle2D r) {
        return all(navigable, r);
    }

    /** Whether every point is on a navigable pixel. */
    boolean allNavigable(Point2D... points) {
        byte[] data = data(navigable);
        for (Point2D p : points) {
            int x = (int) Math.floor(p.getX());
            int y = (int) Math.floor(p.getY());
            if (x < 0 || y < 0 || x >= size || y >= size || data[y * size + x] == 0) {
                return false;
            }
        }
        return true;
    }

    private boolean any(BufferedImage mask, Rectangle2D r) {
        byte[] data = data(mask);
        int x0 = Math.max(0, (int) Math.floor(r.getMinX()));
        int y0 = Math.max(0, (int) Math.floor(r.getMinY()));
        int x1 = Math.min(size, (int) Math.ceil(r.getMaxX()));
        int y1 = Math.min(size, (int) Math.ceil(r.getMaxY()));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (data[y * size + x] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean all(BufferedImage mask, Rectangle2D r) {
        byte[] data = data(mask);
        int x0 = (int) Math.floor(r.getMinX());
        int y0 = (int) Math.floor(r.getMinY());
        int x1 = (int) Math.ceil(r.getMaxX());
        int y1 = (int) Math.ceil(r.getMaxY());
        if (x0 < 0 || y0 < 0 || x1 > size || y1 > size) {
            return false;
        }
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (data[y * size + x] == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void fill(BufferedImage mask, Shape shape) {
        Graphics2D g = mask.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fill(shape);
            // Pixels only partly covered count as covered: trace the outline too.
            g.draw(shape);
        } finally {
            g.dispose();
        }
    }

    private static byte[] data(BufferedImage mask) {
        return ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
    }
}
