package io.scstbus.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scstbus.trainer.data.AnnotationFile;
import io.scstbus.trainer.data.DataConfig;
import io.scstbus.trainer.data.OnProblem;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A few Java2D-drawn scenes written the way the synthetic generator writes its output:
 * {@code images/<id>.png}, Karpathy {@code dataset.json}, {@code counts.json}.
 */
public final class TinyDataset {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] BACKGROUNDS = {"field", "water"};
    private static final Color[] BACKGROUND_COLORS = {new Color(60, 140, 60), new Color(40, 70, 160)};
    private static final String[] OBJECTS = {"tank", "building"};
    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four"};

    private TinyDataset() {
    }

    /** {@code train} + {@code val} images of {@code size} px under {@code root}. */
    public static DataConfig write(Path root, int train, int val, int size, long seed) throws IOException {
        Path images = Files.createDirectories(root.resolve("images"));
        Random random = new Random(seed);
        ObjectNode dataset = JSON.createObjectNode().put("dataset", "tiny");
        ArrayNode entries = dataset.putArray("images");
        ObjectNode counts = JSON.createObjectNode();
        for (int i = 0; i < train + val; i++) {
            String id = "scene_" + i;
            int bg = random.nextInt(BACKGROUNDS.length);
            int obj = random.nextInt(OBJECTS.length);
            int n = 1 + random.nextInt(3);
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(BACKGROUND_COLORS[bg]);
            g.fillRect(0, 0, size, size);
            g.setColor(obj == 0 ? Color.WHITE : Color.DARK_GRAY);
            for (int k = 0; k < n; k++) {
                int s = Math.max(2, size / 6);
                int x = random.nextInt(size - s);
                int y = random.nextInt(size - s);
                if (obj == 0) {
                    g.fillOval(x, y, s, s);
                } else {
                    g.fillRect(x, y, s, s);
                }
            }
            g.dispose();
            ImageIO.write(image, "png", images.resolve(id + ".png").toFile());
            String objects = OBJECTS[obj] + (n > 1 ? "s" : "");
            ObjectNode entry = entries.addObject()
                    .put("filename", id + ".png")
                    .put("imgid", i)
                    .put("split", i < train ? "train" : "val");
            ArrayNode sentences = entry.putArray("sentences");
            for (String caption : List.of(
                    NUMBERS[n] + " " + objects + " on the " + BACKGROUNDS[bg] + " .",
                    "there are " + NUMBERS[n] + " " + objects + " on the " + BACKGROUNDS[bg],
                    "some " + objects + " are on the " + BACKGROUNDS[bg] + " .")) {
                sentences.addObject().put("raw", caption);
            }
            counts.putObject(id).put(OBJECTS[obj], n);
        }
        JSON.writeValue(root.resolve("dataset.json").toFile(), dataset);
        JSON.writeValue(root.resolve("counts.json").toFile(), counts);
        return new DataConfig("tiny", root.toString(), List.of(AnnotationFile.of(root.resolve("dataset.json").toString())),
                images.toString(), root.resolve("counts.json").toString(), List.of("train"), "val", OnProblem.FAIL, 0, 0,
                null);
    }
}
