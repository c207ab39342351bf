package org.postilion.connector.imap.search;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The date of a {@code Date:} header (RFC 5322 section 3.3, with the obsolete forms of section 4.3 that old
 * mailers still send: two- and three-digit years, zone names such as {@code EST}, missing seconds, comments).
 *
 * <p>Two readings, because the RFCs use two: SENTBEFORE, SENTON and SENTSINCE compare the day "disregarding
 * time and timezone" (RFC 9051 section 6.4.4), which is the day as written in the header, {@link #day()}; SORT
 * DATE and THREAD compare instants (RFC 5256: "the sent date, in UTC"), {@link #instant()}.
 */
record MessageDate(LocalDate day, Instant instant) {

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};

    /** The date of a header value, or null when it is missing or not a date. */
    static MessageDate parse(String value) {
        if (value == null || value.length() > 200) {
            return null;
        }
        String[] t = stripComments(value).replace(',', ' ').trim().split("\\s+");
        int i = 0;
        if (t.length > 0 && !t[0].isEmpty() && Character.isLetter(t[0].charAt(0))) {
            i++; // day of week, not checked: mailers get it wrong and the date is still the date
        }
        if (t.length - i < 4) {
            return null;
        }
        try {
            int day = Integer.parseInt(t[i]);
            int month = month(t[i + 1]);
            int year = year(t[i + 2]);
            String[] hms = t[i + 3].split(":");
            if (month < 0 || year < 0 || hms.length < 2 || hms.length > 3) {
                return null;
            }
            int hour = Integer.parseInt(hms[0]);
            int minute = Integer.parseInt(hms[1]);
            int second = hms.length == 3 ? Integer.parseInt(hms[2]) : 0;
            if (second == 60) {
                second = 59; // a leap second, which java.time does not model
            }
            ZoneOffset zone = t.length - i > 4 ? zone(t[i + 4]) : ZoneOffset.UTC;
            LocalDateTime local = LocalDateTime.of(year, month + 1, day, hour, minute, second);
            return new MessageDate(local.toLocalDate(), local.toInstant(zone));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
                sb.append(' ');
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The month's index (0 for January), or -1. */
    static int month(String s) {
        if (s.length() != 3) {
            return -1;
        }
        String m = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(m)) {
                return i;
            }
        }
        return -1;
    }

    private static int year(String s) {
        int y = Integer.parseInt(s);
        if (y < 0) {
            return -1;
        }
        if (s.length() == 2) {
            return y < 50 ? 2000 + y : 1900 + y; // RFC 5322 section 4.3
        }
        if (s.length() == 3) {
            return 1900 + y;
        }
        return s.length() == 4 ? y : -1;
    }

    /** A numeric zone or one of the obsolete names; unknown names count as UTC (RFC 5322 section 4.3). */
    private static ZoneOffset zone(String z) {
        if ((z.startsWith("+") || z.startsWith("-")) && z.length() == 5) {
            int h = Integer.parseInt(z.substring(1, 3));
            int m = Integer.parseInt(z.substring(3, 5));
            if (m > 59) {
                throw new DateTimeException("bad zone minutes");
            }
            int secs = (h * 3600 + m * 60) * (z.charAt(0) == '-' ? -1 : 1);
            return secs > 18 * 3600 || secs < -18 * 3600 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(secs);
        }
        return switch (z.toUpperCase(Locale.ROOT)) {
            case "EDT" -> ZoneOffset.ofHours(-4);
            case "EST", "CDT" -> ZoneOffset.ofHours(-5);
            case "CST", "MDT" -> ZoneOffset.ofHours(-6);
            case "MST", "PDT" -> ZoneOffset.ofHours(-7);
            case "PST" -> ZoneOffset.ofHours(-8);
            default -> ZoneOffset.UTC;
        };
    }
}
