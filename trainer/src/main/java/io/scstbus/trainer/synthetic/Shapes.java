package io.scstbus.trainer.synthetic;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The geometry of scene objects, shared by the layout (no overlaps) and the renderer (what is painted),
 * so the two can never disagree about where an object is.
 */
final class Shapes {

    /** Margin around everything an object paints, for anti-aliased edges. */
    static final double EDGE_MARGIN = 1.0;

    private Shapes() {
    }

    /** Where the object sits and which way it heads. */
    static AffineTransform pose(SceneObject o) {
        AffineTransform pose = AffineTransform.getTranslateInstance(o.x(), o.y());
        pose.rotate(o.angle());
        return pose;
    }

    /** The outline of a compact object around the origin, heading east. */
    static Shape localOutline(SceneObject o) {
        double l = o.length();
        double w = o.width();
        return switch (o.kind()) {
            case STORAGE_TANK, TREE -> new Ellipse2D.Double(-l / 2, -w / 2, l, w);
            case TENNIS_COURT, BUILDING -> new Rectangle2D.Double(-l / 2, -w / 2, l, w);
            case PLANE -> planeOutline(l, w);
            case SHIP -> shipHull(l, w);
            case ROAD, RIVER -> throw new IllegalArgumentException(o.kind() + " is not a compact object");
        };
    }

    /** A plane seen from above: fuselage, swept wings, tail plane; {@code span} is the wingspan. */
    static Shape planeOutline(double l, double span) {
        double f = Math.max(0.8, 0.085 * l);
        Area plane = new Area(new java.awt.geom.RoundRectangle2D.Double(-l / 2, -f, l, 2 * f, 2 * f, 2 * f));
        plane.add(new Area(polygon(0.10 * l, f, -0.14 * l, span / 2, -0.26 * l, span / 2, -0.12 * l, f,
                -0.12 * l, -f, -0.26 * l, -span / 2, -0.14 * l, -span / 2, 0.10 * l, -f)));
        double tail = 0.2 * span;
        plane.add(new Area(polygon(-0.34 * l, f, -0.46 * l, tail, -0.5 * l, tail, -0.5 * l, -tail,
                -0.46 * l, -tail, -0.34 * l, -f)));
        return plane;
    }

    /** A ship's hull: pointed bow to the east, square stern. */
    static Shape shipHull(double l, double w) {
        return polygon(l / 2, 0, l / 6, w / 2, -l / 2, 0.42 * w, -l / 2, -0.42 * w, l / 6, -w / 2);
    }

    /** The wake behind a ship's stern, widening away from it. */
    static Shape shipWake(double l, double w) {
        return polygon(-l / 2, 0.4 * w, -l, 0.8 * w, -l, -0.8 * w, -l / 2, -0.4 * w);
    }

    /** How far a compact object's shadow falls to the south-east, in pixels. */
    static double shadowOffset(ObjectKind kind, double scale) {
        return scale * switch (kind) {
            case STORAGE_TANK -> 1.0;
            case PLANE -> 1.3;
            case BUILDING -> 1.5;
            case TREE -> 1.0;
            case SHIP -> 0.6;
            default -> 0.0;
        };
    }

    /** The painted body of any object in image coordinates (roads and rivers: their band). */
    static Shape body(SceneObject o, int size) {
        return switch (o.kind()) {
            case ROAD -> stroke(centerline(o, size), o.width());
            case RIVER -> stroke(centerline(o, size), o.width());
            default -> pose(o).createTransformedShape(localOutline(o));
        };
    }

    /** A river's band with its banks, everything its drawing covers. */
    static Shape riverWithBanks(SceneObject river, int size) {
        return stroke(centerline(river, size), river.width() + 2 * bankWidth(size / 64.0));
    }

    static double bankWidth(double scale) {
        return 1.2 * scale;
    }

    /**
     * Every pixel a compact object paints lies in this rectangle: body, shadow, wake, plus an
     * anti-aliasing margin. Layout keeps these rectangles disjoint; tests check the renderer keeps to it.
     */
    static Rectangle2D extent(SceneObject o, double scale) {
        AffineTransform pose = pose(o);
        Rectangle2D body = pose.createTransformedShape(localOutline(o)).getBounds2D();
        Rectangle2D all = body.createUnion(body);
        double shadow = shadowOffset(o.kind(), scale);
        if (shadow > 0) {
            all.add(new Rectangle2D.Double(body.getX() + shadow, body.getY() + shadow, body.getWidth(),
                    body.getHeight()));
        }
        if (o.kind() == ObjectKind.SHIP) {
            all.add(pose.createTransformedShape(shipWake(o.length(), o.width())).getBounds2D());
        }
        return new Rectangle2D.Double(all.getX() - EDGE_MARGIN, all.getY() - EDGE_MARGIN,
                all.getWidth() + 2 * EDGE_MARGIN, all.getHeight() + 2 * EDGE_MARGIN);
    }

    /** The centre line of a road or river, running a little past the image on both sides. */
    static Shape centerline(SceneObject o, int size) {
        if (o.kind() == ObjectKind.ROAD) {
            double reach = 2.0 * size;
            double dx = Math.cos(o.angle()) * reach;
            double dy = Math.sin(o.angle()) * reach;
            return new Line2D.Double(o.x() - dx, o.y() - dy, o.x() + dx, o.y() + dy);
        }
        Path2D.Double path = new Path2D.Double();
        boolean vertical = isVertical(o);
        for (double t = -4; t <= size + 4; t += 0.5) {
            double c = riverCenter(o, t);
            double px = vertical ? c : t;
            double py = vertical ? t : c;
            if (t == -4) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        return path;
    }

    static boolean isVertical(SceneObject river) {
        return Math.abs(Math.sin(river.angle())) > 0.5;
    }

    /** The river's centre across its axis at position {@code t} along it. */
    static double riverCenter(SceneObject river, double t) {
        double base = isVertical(river) ? river.x() : river.y();
        return base + river.bend() * Math.sin(2 * Math.PI * t / river.length() + river.phase());
    }

    /** Heading of the river's centre line at position {@code t} along its axis, in radians. */
    static double riverHeading(SceneObject river, double t) {
        double slope = river.bend() * 2 * Math.PI / river.length()
                * Math.cos(2 * Math.PI * t / river.length() + river.phase());
        return isVertical(river) ? Math.atan2(1, slope) : Math.atan2(slope, 1);
    }

    /** The quay strip of a water scene in image coordinates. */
    static Rectangle2D shoreRect(Shore shore, int size) {
        double d = shore.depth();
        return switch (shore.edge()) {
            case NORTH -> new Rectangle2D.Double(0, 0, size, d);
            case SOUTH -> new Rectangle2D.Double(0, size - d, size, d);
            case WEST -> new Rectangle2D.Double(0, 0, d, size);
            case EAST -> new Rectangle2D.Double(size - d, 0, d, size);
        };
    }

    static Shape stroke(Shape line, double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND).createStrokedShape(line);
    }

    static Path2D polygon(double... xy) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        return path;
    }
}
