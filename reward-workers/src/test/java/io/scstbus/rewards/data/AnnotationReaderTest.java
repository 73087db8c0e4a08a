package io.scstbus.rewards.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scstbus.rewards.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void karpathyEntriesTakeTheirIdFromTheFileNameAndTheirOwnSplit() throws IOException {
        Path file = write("k.json", """
                {"dataset": "rsicd", "images": [
                  {"imgid": 0, "filename": "airport_1.jpg", "split": "train",
                   "sentences": [{"raw": "many planes ."}, {"tokens": ["a", "runway"]}]},
                  {"imgid": 1, "filename": "beach_2.jpg", "sentences": []}]}""");
        List<ImageEntry> entries = AnnotationReader.read(file, AnnotationFormat.AUTO, null);
        assertEquals(List.of(
                new ImageEntry("airport_1", Map.of("imgid", "0"), "airport_1.jpg", "train",
                        List.of("many planes .", "a runway")),
                new ImageEntry("beach_2", Map.of("imgid", "1"), "beach_2.jpg", "", List.of())), entries);
        assertEquals("rsicd", AnnotationReader.datasetName(file));
    }

    @Test
    void aKarpathyImageWithoutFileNameIsNamedByItsCocoId() throws IOException {
        Path file = write("k.json", """
                {"images": [{"cocoid": 391895, "imgid": 3, "split": "val", "sentences": [{"raw": "a"}]}]}""");
        ImageEntry entry = AnnotationReader.read(file, AnnotationFormat.AUTO, null).get(0);
        assertEquals("391895", entry.imageId());
        assertEquals("", entry.relativePath());
    }

    @Test
    void cocoAnnotationsAreGroupedByImageInTheGivenSplit() throws IOException {
        Path file = write("c.json", """
                {"images": [{"id": 7, "file_name": "val/p_7.png"}],
                 "annotations": [{"image_id": 7, "caption": "a ship"}, {"image_id": 7, "caption": "two ships"}]}""");
        assertEquals(List.of(new ImageEntry("p_7", Map.of("id", "7"), "val/p_7.png", "val", List.of("a ship", "two ships"))),
                AnnotationReader.read(file, AnnotationFormat.AUTO, "val"));
    }

    @Test
    void lavisEntriesAcceptOneCaptionOrAList() throws IOException {
        Path file = write("l.json", """
                [{"image": "images/x.png", "caption": "one", "image_id": "x1"},
                 {"image": "images/x.png", "caption": ["two", "three"]}]""");
        assertEquals(List.of(new ImageEntry("x", Map.of("image_id", "x1"), "images/x.png", "", List.of("one", "two", "three"))),
                AnnotationReader.read(file, AnnotationFormat.AUTO, null));
    }

    @Test
    void aCocoCaptionForAnUnlistedImageNamesIt() throws IOException {
        Path file = write("bad.json", """
                {"images": [], "annotations": [{"image_id": 3, "caption": "x"}]}""");
        IOException e = assertThrows(IOException.class, () -> AnnotationReader.read(file, AnnotationFormat.COCO, null));
        assertTrue(e.getMessage().contains("image_id 3") && e.getMessage().contains("bad.json"), e.getMessage());
    }

    @Test
    void anUnknownLayoutNamesTheFileAndItsKeys() throws IOException {
        Path file = write("odd.json", "{\"captions\": []}");
        IOException e = assertThrows(IOException.class, () -> AnnotationReader.read(file, AnnotationFormat.AUTO, null));
        assertTrue(e.getMessage().contains("odd.json") && e.getMessage().contains("[captions]"), e.getMessage());
    }

    @Test
    void readsTheSharedUcmFile() throws IOException {
        List<ImageEntry> entries = AnnotationReader.read(TestData.data("ucm/dataset.json"), AnnotationFormat.AUTO, null);
        assertEquals(2100, entries.size());
        assertEquals("1", entries.get(0).imageId());
        assertEquals("0", entries.get(0).fileIds().get("imgid"));
        assertEquals(5, entries.get(0).captions().size());
    }
}
