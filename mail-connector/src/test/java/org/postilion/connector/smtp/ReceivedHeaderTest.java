package org.postilion.connector.smtp;

import org.junit.jupiter.api.Test;
import org.postilion.connector.spi.MailAddress;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace header (RFC 5321 section 4.4) as Postfix words it. */
class ReceivedHeaderTest {

    private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 11, 22, 1, 27, 58, 0, ZoneOffset.UTC);

    private static String render(String helo, List<MailAddress> recipients) {
        return new String(ReceivedHeader.render(helo, "192.0.2.1", null, null, "mx.example.com", "ESMTP",
                "0H4C2M5K7PQRS", recipients, WHEN), StandardCharsets.UTF_8);
    }

    @Test
    void showsTlsAndTheAuthenticatedSenderAsPostfixDoes() {
        String header = new String(ReceivedHeader.render("laptop", "192.0.2.7", "using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
                "bob@example.com", "mx.example.com", "ESMTPSA", "0H4C2M5K7PQRS",
                List.of(new MailAddress("carol", "example.org")), WHEN), StandardCharsets.UTF_8);

        assertEquals("Received: from laptop (unknown [192.0.2.7])\r\n"
                + "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n"
                + "\t(Authenticated sender: bob@example.com)\r\n"
                + "\tby mx.example.com (Postilion) with ESMTPSA id 0H4C2M5K7PQRS\r\n"
                + "\tfor <carol@example.org>; Sun, 22 Nov 2026 01:27:58 +0000\r\n", header);
    }

    @Test
    void namesTheOnlyRecipient() {
        assertEquals("Received: from client.example (unknown [192.0.2.1])\r\n"
                        + "\tby mx.example.com (Postilion) with ESMTP id 0H4C2M5K7PQRS\r\n"
                        + "\tfor <bob@example.com>; Sun, 22 Nov 2026 01:27:58 +0000\r\n",
                render("client.example", List.of(new MailAddress("bob", "example.com"))));
    }

    @Test
    void doesNotNameRecipientsWhenThereAreSeveral() {
        String header = render("client.example",
                List.of(new MailAddress("bob", "example.com"), new MailAddress("alice", "example.com")));

        assertEquals("Received: from client.example (unknown [192.0.2.1])\r\n"
                + "\tby mx.example.com (Postilion) with ESMTP id 0H4C2M5K7PQRS; Sun, 22 Nov 2026 01:27:58 +0000\r\n",
                header);
    }

    @Test
    void replacesWhatCouldBreakTheHeaderInTheClientsHeloName() {
        String header = render("evil)\r\nX-Injected: (yes", List.of(new MailAddress("bob", "example.com")));

        assertTrue(header.startsWith("Received: from evil???X-Injected:??yes (unknown [192.0.2.1])\r\n"), header);
        assertFalse(header.contains("\r\nX-Injected"));
    }
}
