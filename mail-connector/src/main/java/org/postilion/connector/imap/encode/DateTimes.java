package org.postilion.connector.imap.encode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** IMAP's {@code date-time} (RFC 9051 section 9): {@code "17-Jul-1996 02:44:25 -0700"}, for INTERNALDATE and APPEND. */
public final class DateTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter PARSE = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private DateTimes() {
    }

    /** Quoted, in UTC. */
    public static String format(Instant instant) {
        return "\"" + FORMAT.format(instant.atOffset(ZoneOffset.UTC)) + "\"";
    }

    /**
     * Parses a date-time as the client sent it (unquoted); a leading space of a one-digit day is allowed.
     *
     * @throws IllegalArgumentException when it is no date-time
     */
    public static Instant parse(String text) {
        String t = text.startsWith(" ") ? text.substring(1) : text;
        if (t.length() > 26) {
            throw new IllegalArgumentException("Invalid date-time");
        }
        try {
            return OffsetDateTime.parse(t, PARSE).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid date-time");
        }
    }
}
