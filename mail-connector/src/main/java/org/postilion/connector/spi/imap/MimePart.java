package org.postilion.connector.spi.imap;

import java.io.Serializable;

/**
 * Where one MIME part lies in the message's bytes, for {@code BODY[section]} and {@code BINARY[section]}.
 *
 * <p>Offsets are from the message's first octet: the part's header starts at {@code headerStart}, its body at
 * {@code bodyStart} (after the empty line) and ends at {@code bodyEnd} (before the CRLF that precedes the next
 * boundary). For a multipart, the header is the part's own and the body spans its children.
 *
 * @param section        the part specifier of RFC 9051 section 6.4.5, such as {@code 1.2}; {@code ""} for the
 *                       message itself
 * @param contentType    the media type in lower case, such as {@code text/plain} or {@code message/rfc822}
 * @param transferEncoding the Content-Transfer-Encoding in lower case ({@code 7bit} when absent)
 * @param lines          the body's line count (text parts and message/rfc822), else 0
 * @param innerBodyStart for a message/rfc822 (or message/global) part, where the body of the message it
 *                       encloses starts: that message's header is {@code bodyStart..innerBodyStart}
 *                       ({@code BODY[2.HEADER]}), its text {@code innerBodyStart..bodyEnd} ({@code BODY[2.TEXT]});
 *                       -1 for other parts. The enclosed message's own parts follow in the list as
 *                       {@code 2.1}, {@code 2.2}, ... (a non-multipart enclosed message has one, {@code 2.1}).
 */
public record MimePart(String section, String contentType, String transferEncoding, long headerStart,
                       long bodyStart, long bodyEnd, long lines, long innerBodyStart) implements Serializable {

    public boolean isMultipart() {
        return contentType.startsWith("multipart/");
    }

    public boolean isMessage() {
        return contentType.equals("message/rfc822") || contentType.equals("message/global");
    }
}
