package io.scstbus.trainer.synthetic;

import java.awt.geom.Rectangle2D;
import java.util.Random;

/**
 * Paints the ground of a scene into an RGB pixel array: farmland parcels with crop rows, mottled meadow,
 * rippled sea with an optional concrete quay, or patchy concrete. Also adds the sensor noise that goes
 * over everything at the end. All randomness comes from the scene's texture seed.
 */
final class GroundTexture {

    private static final int[][] CROPS = {
        {178, 160, 112}, {132, 142, 72}, {152, 170, 92}, {122, 100, 70}, {104, 132, 62}, {190, 176, 128},
    };

    private GroundTexture() {
    }

    static void paint(Scene scene, int[] rgb, Random rng) {
        int size = scene.size();
        double s = scene.scale();
        switch (scene.background()) {
            case FIELD -> parcels(rgb, size, s, rng, 0, 0, size, size, 3);
            case MEADOW -> mottled(rgb, size, rng, new int[] {92, 138, 68}, 18, 16 * s, 7, 4 * s);
            case URBAN -> {
                mottled(rgb, size, rng, new int[] {158, 154, 144}, 10, 12 * s, 5, 3 * s);
                patches(rgb, size, s, rng);
            }
            case WATER -> {
                mottled(rgb, size, rng, new int[] {36, 76, 112}, 7, 20 * s, 4, 5 * s);
                if (scene.shore() != null) {
                    quay(rgb, size, rng, Shapes.shoreRect(scene.shore(), size));
                }
            }
        }
    }

    /** Sensor noise over the finished image: a little grain on every pixel. */
    static void grain(int[] rgb, Random rng, int amplitude) {
        for (int i = 0; i < rgb.length; i++) {
            int d = (int) Math.round(rng.nextGaussian() * amplitude);
            int p = rgb[i];
            rgb[i] = pack(((p >> 16) & 0xff) + d, ((p >> 8) & 0xff) + d, (p & 0xff) + d);
        }
    }

    /** Splits the rectangle into farmland parcels, each with its crop colour and rows. */
    private static void parcels(int[] rgb, int size, double s, Random rng, int x0, int y0, int x1, int y1, int depth) {
        int w = x1 - x0;
        int h = y1 - y0;
        if (depth > 0 && Math.max(w, h) > 20 * s && rng.nextDouble() < 0.85) {
            boolean cutX = w > h || (w == h && rng.nextBoolean());
            int span = cutX ? w : h;
            int cut = (int) (span * (0.3 + 0.4 * rng.nextDouble()));
            if (cutX) {
                parcels(rgb, size, s, rng, x0, y0, x0 + cut, y1, depth - 1);
                parcels(rgb, size, s, rng, x0 + cut, y0, x1, y1, depth - 1);
            } else {
                parcels(rgb, size, s, rng, x0, y0, x1, y0 + cut, depth - 1);
                parcels(rgb, size, s, rng, x0, y0 + cut, x1, y1, depth - 1);
            }
            return;
        }
        int[] crop = CROPS[rng.nextInt(CROPS.length)];
        boolean rowsAlongX = rng.nextBoolean();
        int period = Math.max(2, (int) Math.round((2 + rng.nextInt(2)) * s));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int along = rowsAlongX ? y : x;
                int shade = (along % period) < period / 2 ? 8 : -6;
                boolean edge = x == x0 || y == y0;
                double f = edge ? 0.78 : 1.0;
                rgb[y * size + x] = pack((int) ((crop[0] + shade) * f), (int) ((crop[1] + shade) * f),
                        (int) ((crop[2] + shade) * f));
            }
        }
    }

    /** A base colour with two octaves of smooth value noise. */
    private static void mottled(int[] rgb, int size, Random rng, int[] base, int coarseAmp, double coarseCell,
            int fineAmp, double fineCell) {
        ValueNoise coarse = new ValueNoise(rng, size, coarseCell);
        ValueNoise fine = new ValueNoise(rng, size, fineCell);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int d = (int) Math.round(coarse.at(x, y) * coarseAmp + fine.at(x, y) * fineAmp);
                rgb[y * size + x] = pack(base[0] + d, base[1] + d, base[2] + d);
            }
        }
    }

    /**
     * Lighter and darker lots on concrete: parking areas, bare ground. Lots do not stack, so the ground
     * stays within a band that gray objects stand out from.
     */
    private static void patches(int[] rgb, int size, double s, Random rng) {
        int n = 2 + rng.nextInt(4);
        boolean[] patched = new boolean[rgb.length];
        for (int k = 0; k < n; k++) {
            int w = (int) (s * (10 + rng.nextInt(20)));
            int h = (int) (s * (10 + rng.nextInt(20)));
            int x0 = rng.nextInt(size);
            int y0 = rng.nextInt(size);
            int d = rng.nextBoolean() ? 12 : -10;
            for (int y = y0; y < Math.min(size, y0 + h); y++) {
                for (int x = x0; x < Math.min(size, x0 + w); x++) {
                    if (!patched[y * size + x]) {
                        rgb[y * size + x] = shift(rgb[y * size + x], d);
                        patched[y * size + x] = true;
                    }
                }
            }
        }
    }

    /** A concrete quay with a dark edge towards the water. */
    private static void quay(int[] rgb, int size, Random rng, Rectangle2D land) {
        ValueNoise noise = new ValueNoise(rng, size, 6);
        int x0 = (int) Math.floor(land.getMinX());
        int y0 = (int) Math.floor(land.getMinY());
        int x1 = (int) Math.ceil(land.getMaxX());
        int y1 = (int) Math.ceil(land.getMaxY());
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                boolean edge = (x0 > 0 && x == x0) || (x1 < size && x == x1 - 1)
                        || (y0 > 0 && y == y0) || (y1 < size && y == y1 - 1);
                int d = (int) Math.round(noise.at(x, y) * 8) - (edge ? 60 : 0);
                rgb[y * size + x] = pack(170 + d, 164 + d, 152 + d);
            }
        }
    }

    static int shift(int p, int d) {
        return pack(((p >> 16) & 0xff) + d, ((p >> 8) & 0xff) + d, (p & 0xff) + d);
    }

    static int pack(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** Smooth random field in [-1, 1]: random values on a grid, interpolated with a smoothstep. */
    private static final class ValueNoise {
        private final int cells;
        private final double cell;
        private final double[] grid;

        ValueNoise(Random rng, int size, double cell) {
            this.cell = Math.max(1, cell);
            this.cells = (int) Math.ceil(size / this.cell) + 2;
            this.grid = new double[cells * cells];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = 2 * rng.nextDouble() - 1;
            }
        }

        double at(int x, int y) {
            double gx = x / cell;
            double gy = y / cell;
            int ix = (int) gx;
            int iy = (int) gy;
            double fx = smooth(gx - ix);
            double fy = smooth(gy - iy);
            double top = lerp(grid[iy * cells + ix], grid[iy * cells + ix + 1], fx);
            double bottom = lerp(grid[(iy + 1) * cells + ix], grid[(iy + 1) * cells + ix + 1], fx);
            return lerp(top, bottom, fy);
        }

        private static double smooth(double t) {
            return t * t * (3 - 2 * t);
        }

        private static double lerp(double a, double b, double t) {
            return a + (b - a) * t;
        }
    }
}
