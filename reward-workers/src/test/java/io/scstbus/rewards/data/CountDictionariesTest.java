package io.scstbus.rewards.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountDictionariesTest {

    @TempDir
    Path dir;

    @Test
    void readsOneObject() throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"a\": {\"storage tank\": 3}, \"b\": {}}");
        assertEquals(Map.of("a", Map.of("storage tank", 3), "b", Map.of()), CountDictionaries.read(file));
    }

    @Test
    void readsJsonLinesInFileOrder() throws IOException {
        Path file = Files.writeString(dir.resolve("c.jsonl"), "{\"z\": {\"ship\": 2}}\n{\"a\": {\"plane\": 0}}\n");
        assertEquals(List.of("z", "a"), List.copyOf(CountDictionaries.read(file).keySet()));
    }

    @Test
    void aNegativeCountNamesImageAndObject() throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"1901\": {\"tennis court\": -2}}");
        IOException e = assertThrows(IOException.class, () -> CountDictionaries.read(file));
        assertTrue(e.getMessage().contains("image '1901', object 'tennis court' has count -2"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        IOException e = assertThrows(IOException.class, () -> CountDictionaries.read(dir.resolve("absent.json")));
        assertTrue(e.getMessage().contains("absent.json"), e.getMessage());
    }
}
