package io.scstbus.rewards.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CaptionLimitsTest {

    @Test
    void blankCaptionIsInvalid() {
        assertEquals("caption is empty", CaptionLimits.DEFAULT.check(" \t"));
    }

    @Test
    void captionWithinLimitsPasses() {
        assertNull(CaptionLimits.DEFAULT.check("a river runs through a dense forest ."));
    }

    @Test
    void tooManyWordsAreInvalidWithTheLimit() {
        assertEquals("caption has 201 words, limit is 200", CaptionLimits.DEFAULT.check("tree ".repeat(201)));
    }
}
