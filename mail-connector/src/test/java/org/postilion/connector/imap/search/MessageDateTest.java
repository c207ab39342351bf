package org.postilion.connector.imap.search;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Date headers (RFC 5322 section 3.3 and the obsolete forms of section 4.3). */
class MessageDateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Fri, 21 Nov 1997 09:55:06 -0600|1997-11-21|1997-11-21T15:55:06Z",
            "Tue, 1 Jul 2003 10:52:37 +0200|2003-07-01|2003-07-01T08:52:37Z",
            "Thu, 13 Feb 1969 23:32:54 -0330|1969-02-13|1969-02-14T03:02:54Z",
            "21 Nov 97 09:55:06 GMT|1997-11-21|1997-11-21T09:55:06Z",
            "21 Nov 03 09:55 EST|2003-11-21|2003-11-21T14:55:00Z",
            "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)|1996-07-17|1996-07-17T09:23:25Z",
            "Mon,3 Feb 2020 10:00:00 PDT|2020-02-03|2020-02-03T17:00:00Z",
            "  Sat, 1 Feb 2020 23:59:60 +0000|2020-02-01|2020-02-01T23:59:59Z",
            "Sat, 1 Feb 2020 12:00:00|2020-02-01|2020-02-01T12:00:00Z",
            "Sat, 1 feb 2020 12:00:00 XYZ|2020-02-01|2020-02-01T12:00:00Z"})
    void readsDates(String header, String day, String instant) {
        MessageDate d = MessageDate.parse(header);

        assertEquals(LocalDate.parse(day), d.day());
        assertEquals(Instant.parse(instant), d.instant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "32 Jan 2020 10:00:00 +0000", "1 Foo 2020 10:00:00 +0000",
            "1 Jan 2020", "1 Jan 2020 25:00:00 +0000", "1 Jan 2020 10:00:00:00 +0000", "1 Jan -5 10:00 +0000",
            "1 Jan 20200 10:00 +0000", "1 Jan 2020 10:00 +0099", "1 Jan 2020 10:xx +0000"})
    void refusesWhatIsNoDate(String header) {
        assertNull(MessageDate.parse(header));
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 10_000})
    void refusesOverlongHeaders(int length) {
        assertNull(MessageDate.parse("1 Jan 2020 10:00 +0000" + " ".repeat(length)));
    }
}
