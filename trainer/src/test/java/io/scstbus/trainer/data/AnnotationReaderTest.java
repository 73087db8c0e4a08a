package io.scstbus.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                  {"filename": "airport_1.jpg", "split": "train",
                   "sentences": [{"raw": "many planes ."}, {"tokens": ["a", "runway"]}]},
                  {"filename": "beach_2.jpg", "split": "val", "sentences": []}]}""");
        List<ImageEntry> entries = AnnotationReader.read(file, AnnotationFormat.AUTO, null);
        assertEquals(List.of(new ImageEntry("airport_1", "airport_1.jpg", "train", List.of("many planes .", "a runway")),
                new ImageEntry("beach_2", "beach_2.jpg", "val", List.of())), entries);
        assertEquals("rsicd", AnnotationReader.datasetName(file));
    }

    @Test
    void cocoAnnotationsAreGroupedByImageInTheGivenSplit() throws IOException {
        Path file = write("c.json", """
                {"images": [{"id": 7, "file_name": "val/p_7.png"}],
                 "annotations": [{"image_id": 7, "caption": "a ship"}, {"image_id": 7, "caption": "two ships"}]}""");
        assertEquals(List.of(new ImageEntry("p_7", "val/p_7.png", "val", List.of("a ship", "two ships"))),
                AnnotationReader.read(file, AnnotationFormat.AUTO, "val"));
    }

    @Test
    void lavisEntriesAcceptOneCaptionOrAList() throws IOException {
        Path file = write("l.json", """
                [{"image": "images/x.png", "caption": "one"}, {"image": "images/x.png", "caption": ["two", "three"]}]""");
        assertEquals(List.of(new ImageEntry("x", "images/x.png", "train", List.of("one", "two", "three"))),
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
    void readsTheSharedUcmFileWhenPresent() throws IOException {
        Path ucm = Path.of(System.getProperty("scstbus.shared", "../../shared"), "data", "ucm", "dataset.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(ucm), "shared UCM data not present");
        List<ImageEntry> entries = AnnotationReader.read(ucm, AnnotationFormat.AUTO, null);
        assertEquals(2100, entries.size());
        assertEquals("1", entries.get(0).imageId());
        assertEquals(5, entries.get(0).captions().size());
    }
}
