package org.postilion.connector.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: a code (RFC 5321 section 4.2), an optional enhanced status code (RFC 3463) and one or
 * more lines of text. Rendered as {@code 250-first\r\n250 last\r\n}, with the enhanced code in front of the
 * text of every line.
 *
 * @param code   the three-digit reply code
 * @param status the enhanced status code such as {@code 2.1.5}, or null (greeting, EHLO)
 * @param lines  the text, one element per line, at least one
 */
public record SmtpReply(int code, String status, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code);
        }
        if (status != null && (!status.matches("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}") || status.charAt(0) - '0' != code / 100)) {
            throw new IllegalArgumentException("status '" + status + "' is not an RFC 3463 code of class " + code / 100);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs text");
        }
    }

    public static SmtpReply of(int code, String status, String text) {
        return new SmtpReply(code, status, List.of(text));
    }

    /** A reply without an enhanced status code (the greeting and the EHLO reply have none). */
    public static SmtpReply plain(int code, String text) {
        return new SmtpReply(code, null, List.of(text));
    }

    /** This reply with its text prefixed, e.g. with the address it is about: {@code <bob@example.com>: }. */
    public SmtpReply withPrefix(String prefix) {
        return new SmtpReply(code, status, lines.stream().map(l -> prefix + l).toList());
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** The reply on the wire, with CRLF line ends. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                b.append(status).append(' ');
            }
            b.append(lines.get(i)).append("\r\n");
        }
        return b.toString();
    }

    public byte[] toBytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String r = render();
        return r.substring(0, r.length() - 2);
    }
}
