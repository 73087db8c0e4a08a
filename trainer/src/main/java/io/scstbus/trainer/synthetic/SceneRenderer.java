package io.scstbus.trainer.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * Draws a scene as a top-down aerial image: ground texture, rivers, roads, then compact objects with
 * shadows to the south-east, then sensor grain. A pure function of the scene: the same scene always
 * gives the same pixels, and removing an object changes only pixels inside its extent.
 */
public final class SceneRenderer {

    public BufferedImage render(Scene scene) {
        int size = scene.size();
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Random texture = new Random(scene.textureSeed());
        GroundTexture.paint(scene, rgb, texture);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            for (ObjectKind layer : new ObjectKind[] {ObjectKind.RIVER, ObjectKind.ROAD}) {
                scene.objects().stream().filter(o -> o.kind() == layer).forEach(o -> drawLinear(g, o, scene));
            }
            for (SceneObject o : scene.objects()) {
                if (!o.kind().linear()) {
                    drawCompact(g, o, scene.scale());
                }
            }
        } finally {
            g.dispose();
        }
        GroundTexture.grain(rgb, texture, 3);
        return image;
    }

    private static void drawLinear(Graphics2D g, SceneObject o, Scene scene) {
        double s = scene.scale();
        Shape line = Shapes.centerline(o, scene.size());
        if (o.kind() == ObjectKind.RIVER) {
            g.setColor(new Color(116, 112, 82));
            g.fill(Shapes.riverWithBanks(o, scene.size()));
            g.setColor(new Color(46, 88, 122));
            g.fill(Shapes.stroke(line, o.width()));
            g.setColor(new Color(58, 102, 136));
            g.fill(Shapes.stroke(line, 0.35 * o.width()));
            return;
        }
        g.setColor(new Color(104, 104, 100));
        g.fill(Shapes.body(o, scene.size()));
        if (o.width() >= 3.5 * s) {
            float dash = (float) (2 * s);
            g.setColor(new Color(222, 222, 204));
            g.setStroke(new BasicStroke((float) (0.45 * s), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {dash, dash}, 0));
            g.draw(line);
        }
    }

    private static void drawCompact(Graphics2D g, SceneObject o, double s) {
        AffineTransform pose = Shapes.pose(o);
        Shape body = pose.createTransformedShape(Shapes.localOutline(o));
        double shadow = Shapes.shadowOffset(o.kind(), s);
        if (o.kind() == ObjectKind.SHIP) {
            g.setColor(new Color(226, 234, 238, 90));
            g.fill(pose.createTransformedShape(Shapes.shipWake(o.length(), o.width())));
        }
        if (shadow > 0) {
            g.setColor(new Color(0, 0, 0, o.kind() == ObjectKind.SHIP ? 60 : 95));
            g.fill(AffineTransform.getTranslateInstance(shadow, shadow).createTransformedShape(body));
        }
        Graphics2D local = (Graphics2D) g.create();
        try {
            local.transform(pose);
            switch (o.kind()) {
                case STORAGE_TANK -> tank(g, o, body, s);
                case TENNIS_COURT -> court(local, o, s);
                case PLANE -> plane(g, o, body, s);
                case BUILDING -> building(local, o, s);
                case TREE -> tree(local, o);
                case SHIP -> ship(local, o, s);
                default -> throw new IllegalStateException("not a compact object: " + o.kind());
            }
        } finally {
            local.dispose();
        }
    }

    private static void tank(Graphics2D g, SceneObject o, Shape body, double s) {
        double r = o.length() / 2;
        boolean white = o.tone() == Tone.WHITE;
        Color light = white ? new Color(252, 252, 248) : new Color(206, 206, 204);
        Color dark = white ? new Color(192, 192, 188) : new Color(136, 136, 138);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(o.x() - 0.3 * r, o.y() - 0.3 * r), (float) (1.4 * r),
                new float[] {0f, 1f}, new Color[] {light, dark}));
        g.fill(body);
        g.setStroke(new BasicStroke((float) (0.45 * s)));
        g.setColor(new Color(110, 110, 110));
        g.draw(body);
        g.setColor(white ? new Color(214, 214, 210) : new Color(160, 160, 160));
        g.draw(new Ellipse2D.Double(o.x() - 0.55 * r, o.y() - 0.55 * r, 1.1 * r, 1.1 * r));
        if (!white) {
            // The dark hatch of a gray tank keeps it apart from gray or sandy ground.
            double hatch = Math.max(0.25 * r, 0.9 * s);
            g.setColor(new Color(52, 52, 56));
            g.fill(new Ellipse2D.Double(o.x() - hatch, o.y() - hatch, 2 * hatch, 2 * hatch));
        }
    }

    private static void court(Graphics2D g, SceneObject o, double s) {
        double l = o.length();
        double w = o.width();
        g.setColor(new Color(160, 92, 70));
        g.fill(new Rectangle2D.Double(-l / 2, -w / 2, l, w));
        double inset = 1.1 * s;
        Rectangle2D playing = new Rectangle2D.Double(-l / 2 + inset, -w / 2 + inset, l - 2 * inset, w - 2 * inset);
        g.setColor(o.tone() == Tone.BLUE ? new Color(52, 98, 170) : new Color(50, 138, 84));
        g.fill(playing);
        g.setColor(new Color(244, 244, 240));
        g.setStroke(new BasicStroke((float) (0.45 * s)));
        g.draw(playing);
        g.draw(new Line2D.Double(0, playing.getMinY(), 0, playing.getMaxY()));
        double service = playing.getWidth() / 4;
        g.draw(new Line2D.Double(-service, playing.getCenterY(), service, playing.getCenterY()));
        g.draw(new Line2D.Double(-service, playing.getMinY(), -service, playing.getMaxY()));
        g.draw(new Line2D.Double(service, playing.getMinY(), service, playing.getMaxY()));
    }

    private static void plane(Graphics2D g, SceneObject o, Shape body, double s) {
        g.setColor(o.tone() == Tone.WHITE ? new Color(240, 240, 238) : new Color(100, 106, 120));
        g.fill(body);
        g.setStroke(new BasicStroke((float) (0.3 * s)));
        g.setColor(new Color(120, 120, 124, 150));
        g.draw(body);
    }

    private static void building(Graphics2D g, SceneObject o, double s) {
        double l = o.length();
        double w = o.width();
        Color roof = switch (o.tone()) {
            case WHITE -> new Color(222, 220, 214);
            case RED -> new Color(172, 80, 62);
            case BLUE -> new Color(92, 114, 146);
            default -> new Color(104, 106, 116);
        };
        if (l > 1.3 * w) {
            // Pitched roof: the sunlit half lighter, the ridge a thin bright line.
            g.setColor(scale(roof, 1.1));
            g.fill(new Rectangle2D.Double(-l / 2, -w / 2, l, w / 2));
            g.setColor(scale(roof, 0.74));
            g.fill(new Rectangle2D.Double(-l / 2, 0, l, w / 2));
            g.setColor(scale(roof, 1.25));
            g.setStroke(new BasicStroke((float) (0.4 * s)));
            g.draw(new Line2D.Double(-l / 2, 0, l / 2, 0));
        } else {
            // Flat roof: a parapet around a slightly lighter deck.
            g.setColor(scale(roof, 0.8));
            g.fill(new Rectangle2D.Double(-l / 2, -w / 2, l, w));
            double inset = 0.8 * s;
            g.setColor(scale(roof, 1.06));
            g.fill(new Rectangle2D.Double(-l / 2 + inset, -w / 2 + inset, l - 2 * inset, w - 2 * inset));
        }
    }

    private static void tree(Graphics2D g, SceneObject o) {
        double d = o.length();
        Area crown = new Area(new Ellipse2D.Double(-0.42 * d, -0.42 * d, 0.84 * d, 0.84 * d));
        for (int k = 0; k < 3; k++) {
            double a = k * 2 * Math.PI / 3;
            crown.add(new Area(new Ellipse2D.Double(0.2 * d * Math.cos(a) - 0.3 * d, 0.2 * d * Math.sin(a) - 0.3 * d,
                    0.6 * d, 0.6 * d)));
        }
        g.setColor(new Color(34, 74, 34));
        g.fill(crown);
        g.setColor(new Color(60, 108, 50));
        g.fill(new Ellipse2D.Double(-0.38 * d, -0.38 * d, 0.3 * d, 0.3 * d));
    }

    private static void ship(Graphics2D g, SceneObject o, double s) {
        double l = o.length();
        double w = o.width();
        g.setColor(o.tone() == Tone.WHITE ? new Color(238, 238, 234) : new Color(170, 172, 176));
        g.fill(Shapes.shipHull(l, w));
        g.setColor(new Color(118, 118, 124));
        g.fill(new Rectangle2D.Double(-0.38 * l, -0.22 * w, 0.18 * l, 0.44 * w));
        g.setStroke(new BasicStroke((float) (0.3 * s)));
        g.setColor(new Color(140, 140, 140));
        g.draw(new Line2D.Double(-0.18 * l, 0, 0.2 * l, 0));
    }

    private static Color scale(Color c, double f) {
        return new Color(Math.min(255, (int) (c.getRed() * f)), Math.min(255, (int) (c.getGreen() * f)),
                Math.min(255, (int) (c.getBlue() * f)));
    }
}
