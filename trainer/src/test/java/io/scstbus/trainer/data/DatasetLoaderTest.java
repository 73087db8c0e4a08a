package io.scstbus.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.proto.Keys;
import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.trainer.TinyDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    @TempDir
    Path dir;

    private final DatasetLoader loader = new DatasetLoader(new ImageLoader(16));

    @Test
    void loadsSplitsCountsAndReferences() throws IOException {
        DataConfig config = TinyDataset.write(dir, 4, 2, 16, 1L);
        CaptionData data = loader.load(config);
        assertEquals(4, data.train().size());
        assertEquals(2, data.val().size());
        Example first = data.train().get(0);
        assertEquals("scene_0", first.imageId());
        assertEquals(3 * 16 * 16, first.pixels().length);
        assertEquals(1, first.counts().size());
        ImageReferences refs = data.references().get(Keys.references("tiny", "scene_5"));
        assertEquals("val", refs.getSplit());
        assertTrue(refs.getCaptions(0).endsWith(refs.getCaptions(0).strip()) && !refs.getCaptions(0).contains("."),
                "references are normalised like generated captions: " + refs.getCaptions(0));
        assertEquals(6, data.references().size());
    }

    @Test
    void aMissingImageFailsNamingItOrIsSkippedAndCounted() throws IOException {
        DataConfig config = TinyDataset.write(dir, 3, 1, 16, 1L);
        Files.delete(Path.of(config.images()).resolve("scene_1.png"));
        IOException e = assertThrows(IOException.class, () -> loader.load(config));
        assertTrue(e.getMessage().contains("scene_1"), e.getMessage());

        CaptionData data = loader.load(config.withOnProblem(OnProblem.SKIP));
        assertEquals(2, data.train().size());
        assertEquals(1, data.report().missingImages());
        assertTrue(data.report().firstProblems().get(0).contains("scene_1.png"));
    }

    @Test
    void anUnreadableFileAndAnImageWithoutCaptionsAreSkippedAndCounted() throws IOException {
        DataConfig config = TinyDataset.write(dir, 3, 1, 16, 1L);
        Files.writeString(Path.of(config.images()).resolve("scene_0.png"), "not a png");
        Path annotations = Path.of(config.annotations().get(0).path());
        Files.writeString(annotations, Files.readString(annotations)
                .replaceFirst("\"sentences\":\\[[^\\]]*\\]", "\"sentences\":[]"));
        CaptionData data = loader.load(config.withOnProblem(OnProblem.SKIP));
        assertEquals(1, data.report().withoutCaptions(), data.report().toString());
        assertEquals(0, data.report().unreadableImages(), "scene_0 lost its captions first: " + data.report());
        assertEquals(2, data.train().size());

        Files.writeString(Path.of(config.images()).resolve("scene_1.png"), "not a png either");
        CaptionData again = loader.load(config.withOnProblem(OnProblem.SKIP));
        assertEquals(1, again.report().unreadableImages(), again.report().toString());
    }

    @Test
    void limitsKeepTheFirstImagesInFileOrder() throws IOException {
        DataConfig config = TinyDataset.write(dir, 5, 3, 16, 1L).withLimits(2, 1);
        CaptionData data = loader.load(config);
        assertEquals(2, data.train().size());
        assertEquals(1, data.val().size());
        assertEquals("scene_5", data.val().get(0).imageId());
    }

    @Test
    void anImageWhoseFileGivesNoSplitIsTraining() throws IOException {
        DataConfig config = TinyDataset.write(dir, 3, 1, 16, 1L);
        Path annotations = Path.of(config.annotations().get(0).path());
        Files.writeString(annotations, Files.readString(annotations).replace("\"split\":\"val\",", ""));
        CaptionData data = loader.load(config);
        assertEquals(4, data.train().size());
        assertEquals(0, data.val().size());
    }

    @Test
    void anImageWithoutAFileNameIsAnErrorNamingIt() throws IOException {
        DataConfig config = TinyDataset.write(dir, 2, 1, 16, 1L);
        Path annotations = Path.of(config.annotations().get(0).path());
        Files.writeString(annotations, Files.readString(annotations).replaceFirst("\"filename\":\"scene_0.png\"", "\"imgid\":0"));
        IOException e = assertThrows(IOException.class, () -> loader.load(config.withOnProblem(OnProblem.SKIP)));
        assertTrue(e.getMessage().contains("'0' names no image file"), e.getMessage());
    }
}
