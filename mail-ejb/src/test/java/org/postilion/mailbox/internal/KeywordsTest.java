package org.postilion.mailbox.internal;

import org.junit.jupiter.api.Test;
import org.postilion.connector.spi.imap.FlagChange;
import org.postilion.connector.spi.imap.FlagChange.Mode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeywordsTest {

    @Test
    void addKeepsTheFirstSpellingAndIgnoresCase() {
        assertEquals("$Forwarded Work", Keywords.apply("$Forwarded", new FlagChange(Mode.ADD, 0,
                List.of("$forwarded", "Work", "WORK"))));
    }

    @Test
    void removeIgnoresCase() {
        assertEquals("Work", Keywords.apply("$Forwarded Work", new FlagChange(Mode.REMOVE, 0, List.of("$FORWARDED"))));
        assertNull(Keywords.apply("Work", new FlagChange(Mode.REMOVE, 0, List.of("work"))));
    }

    @Test
    void replaceSetsExactlyTheGivenKeywords() {
        assertEquals("$Junk", Keywords.apply("$Forwarded Work", new FlagChange(Mode.REPLACE, 0, List.of("$Junk"))));
        assertNull(Keywords.apply("$Forwarded", new FlagChange(Mode.REPLACE, 0, List.of())));
    }

    @Test
    void splitOfNothingIsEmpty() {
        assertEquals(List.of(), Keywords.split(null));
        assertEquals(List.of(), Keywords.split(""));
        assertEquals(List.of("a", "b"), Keywords.split("a b"));
    }
}
