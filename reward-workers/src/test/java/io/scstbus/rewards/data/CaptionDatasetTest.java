package io.scstbus.rewards.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void anImageAnswersToItsIdFileIdsAndFileName() throws IOException {
        CaptionDataset dataset = CaptionDataset.read(write("""
                {"dataset": "toy", "images": [
                  {"imgid": 7, "filename": "airport_1.jpg", "split": "train",
                   "sentences": [{"raw": "Many planes ."}, {"tokens": ["a", "runway"]}]}]}"""));
        ImageEntry image = dataset.images().get(0);
        assertEquals("toy", dataset.name());
        assertEquals(List.of("Many planes .", "a runway"), image.captions());
        Map<String, ImageEntry> byName = dataset.byName();
        for (String name : List.of("airport_1", "airport_1.jpg", "7")) {
            assertSame(image, byName.get(name), name);
        }
    }

    @Test
    void anImagesOwnIdWinsOverAnotherImagesFileId() throws IOException {
        CaptionDataset dataset = CaptionDataset.read(write("""
                {"images": [{"imgid": 1, "filename": "2.tif", "sentences": [{"raw": "a"}]},
                            {"imgid": 2, "filename": "1.tif", "sentences": [{"raw": "b"}]}]}"""));
        assertEquals(List.of("b"), dataset.byName().get("1").captions());
        assertEquals(List.of("a"), dataset.byName().get("2").captions());
    }

    @Test
    void trainSplitIncludesRestvalAsSelfCriticalDoes() throws IOException {
        CaptionDataset dataset = CaptionDataset.read(write("""
                {"images": [
                  {"cocoid": 1, "imgid": 0, "split": "train", "sentences": [{"raw": "a"}]},
                  {"cocoid": 2, "imgid": 1, "split": "restval", "sentences": [{"raw": "b"}]},
                  {"cocoid": 3, "imgid": 2, "split": "test", "sentences": [{"raw": "c"}]}]}"""));
        assertEquals(List.of("1", "2"), dataset.images("train").stream().map(ImageEntry::imageId).toList());
        assertEquals(List.of("3"), dataset.images("test").stream().map(ImageEntry::imageId).toList());
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
        assertEquals("data.json", dataset.name(), "no dataset field: the file name");
        assertEquals(2, dataset.images("train").size(), "a COCO file has no splits: every image counts");
    }

    @Test
    void rejectsAFileWithoutImages() throws IOException {
        Path file = write("{\"sentences\": [1, 2]}");
        IOException error = assertThrows(IOException.class, () -> CaptionDataset.read(file));
        assertTrue(error.getMessage().contains("data.json"), error.getMessage());
    }
}
