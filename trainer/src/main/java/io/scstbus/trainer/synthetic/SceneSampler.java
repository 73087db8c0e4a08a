package io.scstbus.trainer.synthetic;

import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.PathIterator;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lays out one scene from a random source: ground, main kind, up to three companion kinds, then
 * rivers and roads, then compact objects placed by rejection so that no two compact objects'
 * {@linkplain Shapes#extent extents} overlap and none touches a road or river (ships: only on water).
 * An object that finds no free place after a few attempts is left out; the counts are whatever was
 * placed, so they are exact by construction.
 */
final class SceneSampler {

    private static final int ATTEMPTS = 40;
    private static final int MAX_COMPANIONS = 3;
    private static final double[] BACKGROUND_WEIGHTS = {0.25, 0.30, 0.15, 0.30};
    private static final double[] COMPANION_COUNT_WEIGHTS = {0.2, 0.4, 0.3, 0.1};

    Scene sample(String id, int size, Random rng) {
        long textureSeed = rng.nextLong();
        while (true) {
            Scene scene = attempt(id, size, textureSeed, rng);
            if (scene != null) {
                return scene;
            }
        }
    }

    /** One layout, or {@code null} when not even one object of the main kind found a place. */
    private Scene attempt(String id, int size, long textureSeed, Random rng) {
        double s = size / 64.0;
        Background background = Background.values()[pick(rng, BACKGROUND_WEIGHTS)];
        ObjectKind main = background.mainKinds().get(rng.nextInt(background.mainKinds().size()));
        Shore shore = null;
        Occupancy occupancy = new Occupancy(size);
        if (background == Background.WATER) {
            if (rng.nextDouble() < 0.6) {
                shore = new Shore(Shore.Edge.values()[rng.nextInt(4)], size * (0.22 + 0.12 * rng.nextDouble()));
            }
            Rectangle2D land = shore == null ? new Rectangle2D.Double() : Shapes.shoreRect(shore, size);
            Area sea = new Area(new Rectangle2D.Double(0, 0, size, size));
            sea.subtract(new Area(land));
            occupancy.markNotLand(sea);
            occupancy.markNavigable(sea);
        }
        List<ObjectKind> companions = chooseCompanions(background, main, shore != null, rng);

        List<SceneObject> objects = new ArrayList<>();
        SceneObject river = null;
        if (companions.contains(ObjectKind.RIVER)) {
            river = river(size, s, rng);
            objects.add(river);
            occupancy.markNotLand(Shapes.riverWithBanks(river, size));
            occupancy.markNavigable(Shapes.stroke(Shapes.centerline(river, size), river.width() - 1.5 * s));
        }
        if (companions.contains(ObjectKind.ROAD)) {
            objects.addAll(roads(size, s, river, occupancy, rng));
        }
        List<ObjectKind> compact = new ArrayList<>();
        compact.add(main);
        companions.stream().filter(k -> !k.linear()).forEach(compact::add);
        int mainPlaced = 0;
        for (ObjectKind kind : compact) {
            Tone tone = kind.tones().get(rng.nextInt(kind.tones().size()));
            int target = kind == main
                    ? 1 + rng.nextInt(kind.maxCount())
                    : 1 + rng.nextInt(Math.max(1, kind.maxCount() / 2));
            for (int i = 0; i < target; i++) {
                SceneObject placed = place(kind, tone, size, s, river, occupancy, rng);
                if (placed != null) {
                    objects.add(placed);
                    mainPlaced += kind == main ? 1 : 0;
                }
            }
        }
        return mainPlaced == 0 ? null : new Scene(id, size, background, shore, objects, textureSeed);
    }

    private static List<ObjectKind> chooseCompanions(Background background, ObjectKind main, boolean hasLand,
            Random rng) {
        List<ObjectKind> pool = new ArrayList<>(background.companions());
        pool.remove(main);
        int wanted = background == Background.WATER && !hasLand ? 0 : pick(rng, COMPANION_COUNT_WEIGHTS);
        List<ObjectKind> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(wanted, MAX_COMPANIONS) && !pool.isEmpty()) {
            chosen.add(pool.remove(rng.nextInt(pool.size())));
        }
        // Ships away from the sea need a river to float on.
        if (chosen.contains(ObjectKind.SHIP) && background != Background.WATER && !chosen.contains(ObjectKind.RIVER)) {
            chosen.remove(ObjectKind.SHIP);
            if (chosen.size() < MAX_COMPANIONS - 1) {
                chosen.add(ObjectKind.RIVER);
                chosen.add(ObjectKind.SHIP);
            }
        }
        return chosen;
    }

    private static SceneObject river(int size, double s, Random rng) {
        boolean vertical = rng.nextBoolean();
        double base = size * (0.3 + 0.4 * rng.nextDouble());
        double width = s * (5 + 3 * rng.nextDouble());
        double bend = s * (2 + 4 * rng.nextDouble());
        double wavelength = s * (35 + 35 * rng.nextDouble());
        double phase = 2 * Math.PI * rng.nextDouble();
        return new SceneObject(ObjectKind.RIVER, Tone.BLUE, vertical ? base : size / 2.0, vertical ? size / 2.0 : base,
                wavelength, width, vertical ? Math.PI / 2 : 0, bend, phase);
    }

    /** One or two roads: parallel to a river if there is one, else crossing, parallel or one diagonal. */
    private static List<SceneObject> roads(int size, double s, SceneObject river, Occupancy occupancy, Random rng) {
        int wanted = rng.nextDouble() < 0.35 ? 2 : 1;
        double firstAngle;
        if (river != null) {
            firstAngle = river.angle();
        } else {
            double r = rng.nextDouble();
            firstAngle = r < 0.4 ? 0 : r < 0.8 ? Math.PI / 2 : (rng.nextBoolean() ? Math.PI / 4 : 3 * Math.PI / 4);
        }
        boolean diagonal = firstAngle % (Math.PI / 2) != 0;
        boolean crossing = river == null && !diagonal && rng.nextBoolean();
        List<SceneObject> roads = new ArrayList<>();
        for (int i = 0; i < wanted && !(diagonal && i > 0); i++) {
            double angle = i == 1 && crossing ? firstAngle + Math.PI / 2 : firstAngle;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                double width = s * (3 + 1.5 * rng.nextDouble());
                double offset = size * (0.15 + 0.7 * rng.nextDouble());
                boolean vertical = Math.abs(Math.sin(angle)) > 0.99;
                double x = diagonal || vertical ? offset : size / 2.0;
                double y = diagonal ? size / 2.0 : vertical ? size / 2.0 : offset;
                SceneObject road = new SceneObject(ObjectKind.ROAD, Tone.GRAY, x, y, size, width, angle, 0, 0);
                if (!fitsBeside(road, roads, s) || occupancy.blocks(Shapes.body(road, size))) {
                    continue;
                }
                roads.add(road);
                break;
            }
        }
        for (SceneObject road : roads) {
            occupancy.takeShape(Shapes.body(road, size));
        }
        return roads;
    }

    /** A parallel road keeps a gap to the first; a perpendicular one crosses it on purpose. */
    private static boolean fitsBeside(SceneObject road, List<SceneObject> others, double s) {
        for (SceneObject other : others) {
            if (Math.abs(Math.sin(road.angle() - other.angle())) < 0.5) {
                double gap = Math.abs((road.x() - other.x()) * Math.sin(road.angle())
                        - (road.y() - other.y()) * Math.cos(road.angle()));
                if (gap < (road.width() + other.width()) / 2 + 8 * s) {
                    return false;
                }
            }
        }
        return true;
    }

    private static SceneObject place(ObjectKind kind, Tone tone, int size, double s, SceneObject river,
            Occupancy occupancy, Random rng) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SceneObject candidate = kind == ObjectKind.SHIP && river != null
                    ? riverShip(tone, size, s, river, rng)
                    : candidate(kind, tone, size, s, rng);
            Rectangle2D extent = Shapes.extent(candidate, s);
            if (!occupancy.insideImage(extent) || !occupancy.free(extent, kind != ObjectKind.SHIP)) {
                continue;
            }
            if (kind == ObjectKind.SHIP) {
                boolean afloat = river != null ? occupancy.allNavigable(hullPoints(candidate))
                        : occupancy.allNavigable(extent);
                if (!afloat) {
                    continue;
                }
            }
            occupancy.take(extent);
            return candidate;
        }
        return null;
    }

    /** A compact object at a random place, sized in units of the 64-pixel design size. */
    private static SceneObject candidate(ObjectKind kind, Tone tone, int size, double s, Random rng) {
        double x = size * rng.nextDouble();
        double y = size * rng.nextDouble();
        double quarter = rng.nextBoolean() ? 0 : Math.PI / 2;
        return switch (kind) {
            case STORAGE_TANK -> {
                double d = s * (5 + 4 * rng.nextDouble());
                yield SceneObject.compact(kind, tone, x, y, d, d, 0);
            }
            case TENNIS_COURT -> SceneObject.compact(kind, tone, x, y, s * (12 + 2 * rng.nextDouble()),
                    s * (6.5 + rng.nextDouble()), quarter);
            case PLANE -> {
                double l = s * (9 + 3 * rng.nextDouble());
                yield SceneObject.compact(kind, tone, x, y, l, l * (0.85 + 0.15 * rng.nextDouble()),
                        rng.nextInt(8) * Math.PI / 4);
            }
            case BUILDING -> {
                double l = s * (5 + 6 * rng.nextDouble());
                double w = s * 4 + (l - s * 4) * rng.nextDouble();
                yield SceneObject.compact(kind, tone, x, y, l, w, quarter);
            }
            case TREE -> {
                double d = s * (3.5 + 2.5 * rng.nextDouble());
                yield SceneObject.compact(kind, tone, x, y, d, d, 2 * Math.PI * rng.nextDouble());
            }
            case SHIP -> {
                double l = s * (7 + 4 * rng.nextDouble());
                yield SceneObject.compact(kind, tone, x, y, l, Math.max(2.2 * s, 0.3 * l),
                        2 * Math.PI * rng.nextDouble());
            }
            case ROAD, RIVER -> throw new IllegalArgumentException(kind + " is not placed as a compact object");
        };
    }

    /** A small ship on the river's centre line, heading along the current either way. */
    private static SceneObject riverShip(Tone tone, int size, double s, SceneObject river, Random rng) {
        double t = size * (0.1 + 0.8 * rng.nextDouble());
        double across = Shapes.riverCenter(river, t);
        boolean vertical = Shapes.isVertical(river);
        double heading = Shapes.riverHeading(river, t) + (rng.nextBoolean() ? Math.PI : 0);
        double l = s * (5 + 2 * rng.nextDouble());
        return SceneObject.compact(ObjectKind.SHIP, tone, vertical ? across : t, vertical ? t : across, l,
                Math.max(2.0 * s, 0.32 * l), heading);
    }

    /** The corners of a ship's hull and its centre, in image coordinates. */
    private static Point2D[] hullPoints(SceneObject ship) {
        AffineTransform pose = Shapes.pose(ship);
        List<Point2D> points = new ArrayList<>();
        points.add(new Point2D.Double(ship.x(), ship.y()));
        double[] c = new double[6];
        PathIterator it = Shapes.shipHull(ship.length(), ship.width()).getPathIterator(pose);
        for (; !it.isDone(); it.next()) {
            if (it.currentSegment(c) != PathIterator.SEG_CLOSE) {
                points.add(new Point2D.Double(c[0], c[1]));
            }
        }
        return points.toArray(Point2D[]::new);
    }

    private static int pick(Random rng, double[] weights) {
        double r = rng.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
