package org.postilion.connector.imap.encode;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DateTimesTest {

    @Test
    void formatsInUtcWithTwoDigitDays() {
        assertEquals("\"01-Jul-1996 09:44:25 +0000\"", DateTimes.format(Instant.parse("1996-07-01T09:44:25Z")));
    }

    @Test
    void parsesTheRfcExampleAndASpacePaddedDay() {
        assertEquals(Instant.parse("1996-07-17T09:44:25Z"), DateTimes.parse("17-Jul-1996 02:44:25 -0700"));
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), DateTimes.parse(" 1-Jan-2026 10:00:00 +0000"));
    }

    @Test
    void refusesWhatIsNoDateTime() {
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parse("yesterday"));
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parse("32-Jan-2026 10:00:00 +0000"));
        assertThrows(IllegalArgumentException.class, () -> DateTimes.parse("1-Jan-2026 10:00:00 +0000 and more text"));
    }
}
