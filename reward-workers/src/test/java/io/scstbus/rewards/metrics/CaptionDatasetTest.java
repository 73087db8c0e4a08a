package io.scstbus.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionDatasetTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsKarpathyImagesWithRawCaptionsOrTokens() throws IOException {
        CaptionDataset dataset = CaptionDataset.read(write("""
                {"dataset": "toy", "images": [
                  {"imgid": 7, "filename": "airport_1.jpg", "split": "train",
                   "sentences": [{"raw": "Many planes ."}, {"tokens": ["a", "runway"]}]}]}"""));
        CaptionDataset.Image image = dataset.images().get(0);
        assertEquals("toy", dataset.name());
        assertEquals("7", image.id());
        assertEquals(List.of("Many planes .", "a runway"), image.captions());
        assertTrue(image.isNamed("airport_1.jpg") && image.isNamed("airport_1") && image.isNamed("7"));
    }

    @Test
    void trainSplitIncludesRestvalAsSelfCriticalDoes() throws IOException {
        CaptionDataset dataset = CaptionDataset.read(write("""
                {"images": [
                  {"cocoid": 1, "imgid": 0, "split": "train", "sentences": [{"raw": "a"}]},
                  {"cocoid": 2, "imgid": 1, "split": "restval", "sentences": [{"raw": "b"}]},
                  {"cocoid": 3, "imgid": 2, "split": "test", "sentences": [{"raw": "c"}]}]}"""));
        assertEquals(List.of("1", "2"), dataset.images("train").stream().map(CaptionDataset.Image::id).toList());
        assertEquals(List.of("3"), dataset.images("test").stream().map(CaptionDataset.Image::id).toList());
        assertEquals(3, dataset.images(CaptionDataset.ALL).size());
    }

    @Test
    void groupsCocoAnnotationsByImage() throws IOException {
        CaptionDataset dataset = CaptionDataset.read(write("""
                {"images": [{"id": 5, "file_name": "x.jpg"}, {"id": 9}],
                 "annotations": [{"image_id": 9, "caption": "b"}, {"image_id": 5, "caption": "a"},
                                 {"image_id": 9, "caption": "c"}]}"""));
        assertEquals(2, dataset.images().size());
        assertEquals(List.of("a"), dataset.images().get(0).captions());
        assertEquals(List.of("b", "c"), dataset.images().get(1).captions());
        assertEquals(2, dataset.images("train").size(), "a COCO file has no splits: every image counts");
    }

    @Test
    void rejectsAFileWithoutImages() throws IOException {
        Path file = write("[1, 2]");
        IOException error = assertThrows(IOException.class, () -> CaptionDataset.read(file));
        assertTrue(error.getMessage().contains("images"), error.getMessage());
    }
}
