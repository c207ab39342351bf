package org.postilion.connector.imap.encode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeaderFieldsTest {

    private static final String HEADER = "From: a@example.com\r\nSubject: a long\r\n subject\r\nTO: b@example.com\r\n"
            + "X-Junk: yes\r\nnot a field\r\n\r\n";

    private static String filter(List<String> names, boolean not) {
        return new String(HeaderFields.filter(HEADER.getBytes(StandardCharsets.US_ASCII), names, not),
                StandardCharsets.US_ASCII);
    }

    @Test
    void keepsTheNamedFieldsWithTheirContinuationLinesInTheirOrder() {
        assertEquals("Subject: a long\r\n subject\r\nTO: b@example.com\r\n\r\n", filter(List.of("to", "SUBJECT"), false));
    }

    @Test
    void keepsTheOthersForFieldsNot() {
        assertEquals("From: a@example.com\r\nTO: b@example.com\r\n\r\n", filter(List.of("Subject", "X-Junk"), true));
    }

    @Test
    void answersTheEmptyLineAloneWhenNothingMatches() {
        assertEquals("\r\n", filter(List.of("Cc"), false));
        assertEquals("\r\n", new String(HeaderFields.filter(new byte[0], List.of("Cc"), false), StandardCharsets.US_ASCII));
    }
}
