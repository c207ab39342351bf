package org.postilion.mailbox;

import org.postilion.connector.spi.imap.MimePart;

import java.util.ArrayList;
import java.util.List;

/**
 * What the store keeps of a message's parse: ENVELOPE, BODYSTRUCTURE and BODY in IMAP syntax, the header's
 * size, and the MIME parts' offsets, one line per part ({@code section TAB type TAB encoding TAB headerStart
 * TAB bodyStart TAB bodyEnd TAB lines TAB innerBodyStart}) — a text column rather than a table of parts,
 * because the parts are always read together and never queried.
 *
 * <p>LIMITS: each text at most {@value #MAX_TEXT} characters (a column's size on H2 and PostgreSQL); the
 * parser bounds nesting and part counts well below it.
 */
public record StoredStructure(String envelope, String bodyStructure, String body, long headerSize,
                              String mimeParts) {

    public static final int MAX_TEXT = 1_000_000;

    /** Encodes parts for {@link #mimeParts}. */
    public static String encodeParts(List<MimePart> parts) {
        StringBuilder sb = new StringBuilder(parts.size() * 48);
        for (MimePart p : parts) {
            sb.append(p.section()).append('\t').append(p.contentType()).append('\t').append(p.transferEncoding())
                    .append('\t').append(p.headerStart()).append('\t').append(p.bodyStart())
                    .append('\t').append(p.bodyEnd()).append('\t').append(p.lines())
                    .append('\t').append(p.innerBodyStart()).append('\n');
        }
        return sb.toString();
    }

    /** The parts, decoded from {@link #mimeParts}. */
    public List<MimePart> parts() {
        List<MimePart> parts = new ArrayList<>();
        for (String line : mimeParts.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            parts.add(new MimePart(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7])));
        }
        return parts;
    }
}
