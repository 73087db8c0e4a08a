package io.scstbus.rewards.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.scstbus.rewards.TestData;
import io.scstbus.rewards.data.CaptionDataset;
import io.scstbus.rewards.data.ImageEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void aTextSeenBeforeGetsItsFirstValueWhereverItsCharsLie() {
        TextTable<String> table = new TextTable<>();
        List<String> made = new ArrayList<>();
        char[] buffer = "xx a river yy a river".toCharArray();
        String first = table.computeIfAbsent(buffer, 3, 7, text -> { made.add(text); return text; });
        String second = table.computeIfAbsent(buffer, 14, 7, text -> { made.add(text); return text; });
        assertEquals("a river", first);
        assertSame(first, second);
        assertEquals(List.of("a river"), made);
    }

    @Test
    void agreesWithAHashMapOverEveryRsicdCaptionThroughGrowth() throws IOException {
        TextTable<String> table = new TextTable<>();
        Map<String, String> expected = new HashMap<>();
        List<ImageEntry> images = CaptionDataset.read(TestData.data("rsicd/rsicd_5caps.json")).images("all");
        for (ImageEntry image : images) {
            for (String caption : image.captions()) {
                char[] padded = ("<" + caption + ">").toCharArray();
                String value = table.computeIfAbsent(padded, 1, caption.length(), text -> text + "|" + image.imageId());
                assertEquals(expected.computeIfAbsent(caption, text -> text + "|" + image.imageId()), value, caption);
            }
        }
        assertEquals(expected.size(), table.size());
    }

    @Test
    void theEmptyTextAndNonAsciiTextAreKeys() {
        TextTable<Integer> table = new TextTable<>();
        int[] next = {0};
        char[] chars = "é river\u2014".toCharArray();
        assertEquals(0, table.computeIfAbsent(chars, 0, 0, text -> next[0]++));
        assertEquals(1, table.computeIfAbsent(chars, 0, chars.length, text -> next[0]++));
        assertEquals(0, table.computeIfAbsent(chars, 3, 0, text -> next[0]++));
        assertEquals(1, table.computeIfAbsent("é river\u2014".toCharArray(), 0, chars.length, text -> next[0]++));
        assertEquals(2, table.size());
    }
}
