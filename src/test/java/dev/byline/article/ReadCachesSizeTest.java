package dev.byline.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReadCachesSizeTest {

    private static final long MIB = 1024L * 1024L;

    @Test
    void unsetTheArticleCacheTakesAFifthOfTheMaximumHeap() {
        assertEquals(256 * MIB / 5, ReadCaches.articleBytes(OptionalInt.empty(), 256 * MIB));
        assertEquals(2048 * MIB / 5, ReadCaches.articleBytes(OptionalInt.empty(), 2048 * MIB));
    }

    @Test
    void aConfiguredSizeWinsWhateverTheHeap() {
        assertEquals(48 * MIB, ReadCaches.articleBytes(OptionalInt.of(48), 256 * MIB));
        assertEquals(300 * MIB, ReadCaches.articleBytes(OptionalInt.of(300), 256 * MIB));
    }
}
