package io.scstbus.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written counts and pixels agree with the scene model: objects are where the model says. */
class SceneRenderingTest {

    private static final SyntheticConfig CONFIG = SyntheticConfig.defaults().withImages(60).withSeed(11);
    private final SyntheticGenerator generator = new SyntheticGenerator(CONFIG);
    private final SceneRenderer renderer = new SceneRenderer();

    @TempDir
    Path tmp;

    @Test
    void countsJsonMatchesTheSceneModelOfEveryImage() throws IOException {
        new SyntheticDatasetWriter(2).write(CONFIG, tmp, false, SyntheticDatasetWriter.Progress.NONE);
        Map<String, Map<String, Integer>> counts = new ObjectMapper().readValue(tmp.resolve("counts.json").toFile(),
                new TypeReference<>() { });
        assertEquals(CONFIG.images(), counts.size());
        for (int i = 0; i < CONFIG.images(); i++) {
            SyntheticSample sample = generator.sample(i);
            Map<String, Integer> expected = new HashMap<>();
            sample.scene().objects().forEach(o -> expected.merge(o.kind().lemma(), 1, Integer::sum));
            assertEquals(expected, counts.get(sample.id()), sample.id());
        }
    }

    @Test
    void pngOnDiskHasExactlyTheRenderedPixels() throws IOException {
        new SyntheticDatasetWriter(1).write(CONFIG.withImages(5), tmp, false, SyntheticDatasetWriter.Progress.NONE);
        for (int i = 0; i < 5; i++) {
            SyntheticSample sample = generator.sample(i);
            BufferedImage onDisk = ImageIO.read(tmp.resolve("images").resolve(sample.filename()).toFile());
            BufferedImage rendered = renderer.render(sample.scene());
            assertEquals(CONFIG.size(), onDisk.getWidth());
            for (int y = 0; y < CONFIG.size(); y++) {
                for (int x = 0; x < CONFIG.size(); x++) {
                    assertEquals(rendered.getRGB(x, y), onDisk.getRGB(x, y), sample.id() + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void eachCompactObjectPaintsVisiblePixelsOnlyInsideItsExtent() {
        int checked = 0;
        Set<ObjectKind> kindsSeen = EnumSet.noneOf(ObjectKind.class);
        for (int i = 0; i < CONFIG.images(); i++) {
            Scene scene = generator.sample(i).scene();
            BufferedImage full = renderer.render(scene);
            for (SceneObject o : scene.objects()) {
                if (o.kind().linear()) {
                    continue;
                }
                BufferedImage without = renderer.render(scene.without(o));
                Rectangle2D extent = Shapes.extent(o, scene.scale());
                int changed = 0;
                for (int y = 0; y < scene.size(); y++) {
                    for (int x = 0; x < scene.size(); x++) {
                        if (full.getRGB(x, y) != without.getRGB(x, y)) {
                            changed++;
                            assertTrue(extent.intersects(x, y, 1, 1), () -> scene.id() + ": " + o.kind()
                                    + " changed a pixel outside its extent " + extent);
                        }
                    }
                }
                double bodyArea = o.length() * o.width();
                assertTrue(changed >= 0.5 * bodyArea, scene.id() + ": " + o.kind() + " changed only " + changed
                        + " pixels for a body of " + bodyArea);
                int cx = (int) o.x();
                int cy = (int) o.y();
                assertTrue(distance(full.getRGB(cx, cy), without.getRGB(cx, cy)) >= 30,
                        scene.id() + ": " + o.kind() + " " + o.tone() + " is not visible at its centre " + cx + "," + cy
                        + ": " + Integer.toHexString(full.getRGB(cx, cy)) + " on "
                        + Integer.toHexString(without.getRGB(cx, cy)) + ", " + scene.background());
                if (o.kind() == ObjectKind.SHIP) {
                    int under = without.getRGB(cx, cy);
                    assertTrue((under & 0xff) > ((under >> 16) & 0xff) + 30, scene.id() + ": a ship not on water");
                }
                kindsSeen.add(o.kind());
                checked++;
            }
        }
        assertTrue(checked > 200, "only " + checked + " objects checked");
        assertEquals(EnumSet.complementOf(EnumSet.of(ObjectKind.ROAD, ObjectKind.RIVER)), kindsSeen);
    }

    @Test
    void roadsAndRiversPaintABandAcrossTheImage() {
        int checked = 0;
        for (int i = 0; i < CONFIG.images(); i++) {
            Scene scene = generator.sample(i).scene();
            BufferedImage full = renderer.render(scene);
            for (SceneObject o : scene.objects()) {
                if (!o.kind().linear()) {
                    continue;
                }
                BufferedImage without = renderer.render(scene.without(o));
                int changed = 0;
                for (int y = 0; y < scene.size(); y++) {
                    for (int x = 0; x < scene.size(); x++) {
                        changed += full.getRGB(x, y) != without.getRGB(x, y) ? 1 : 0;
                    }
                }
                assertTrue(changed >= 0.5 * scene.size() * o.width(), scene.id() + ": " + o.kind());
                checked++;
            }
        }
        assertTrue(checked > 20, "only " + checked + " roads and rivers checked");
    }

    @Test
    void compactObjectsNeverOverlapAndStayInsideTheImage() {
        SyntheticGenerator many = new SyntheticGenerator(CONFIG.withImages(300));
        for (int i = 0; i < 300; i++) {
            Scene scene = many.sample(i).scene();
            List<Rectangle2D> extents = new ArrayList<>();
            for (SceneObject o : scene.objects()) {
                if (o.kind().linear()) {
                    continue;
                }
                Rectangle2D e = Shapes.extent(o, scene.scale());
                assertTrue(e.getMinX() >= 0 && e.getMinY() >= 0 && e.getMaxX() <= scene.size()
                        && e.getMaxY() <= scene.size(), scene.id() + ": " + o.kind() + " leaves the image");
                for (Rectangle2D other : extents) {
                    Rectangle2D overlap = e.createIntersection(other);
                    assertFalse(overlap.getWidth() > 0 && overlap.getHeight() > 0,
                            scene.id() + ": " + o.kind() + " overlaps another object");
                }
                extents.add(e);
            }
        }
    }

    @Test
    void everyKindAndBackgroundOccursAndCountsStayWithinLimits() {
        SyntheticGenerator many = new SyntheticGenerator(CONFIG.withImages(300));
        Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
        Set<Background> grounds = EnumSet.noneOf(Background.class);
        for (int i = 0; i < 300; i++) {
            Scene scene = many.sample(i).scene();
            grounds.add(scene.background());
            scene.countsByKind().forEach((kind, n) -> {
                kinds.add(kind);
                assertTrue(n >= 1 && n <= kind.maxCount(), scene.id() + ": " + n + " " + kind.plural());
            });
        }
        assertEquals(EnumSet.allOf(ObjectKind.class), kinds);
        assertEquals(EnumSet.allOf(Background.class), grounds);
    }

    private static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }
}
