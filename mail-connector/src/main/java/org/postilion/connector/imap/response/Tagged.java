package org.postilion.connector.imap.response;

import org.postilion.connector.spi.imap.MailboxException;

import java.util.Objects;

/**
 * The tagged response that completes a command (RFC 9051 section 7.1): {@code OK}, {@code NO} or {@code BAD},
 * an optional response code in brackets and human-readable text. Commands answer with a value; the
 * connection writes it ({@code tag OK [CODE] text}) after the command's untagged responses.
 *
 * @param code the response code without brackets ({@code READ-WRITE}, {@code COPYUID 1 3 7}), or null
 */
public record Tagged(Status status, String code, String text) {

    public enum Status { OK, NO, BAD }

    public Tagged {
        Objects.requireNonNull(status);
        Objects.requireNonNull(text);
    }

    public static Tagged ok(String text) {
        return new Tagged(Status.OK, null, text);
    }

    public static Tagged ok(String code, String text) {
        return new Tagged(Status.OK, code, text);
    }

    public static Tagged no(String text) {
        return new Tagged(Status.NO, null, text);
    }

    public static Tagged no(String code, String text) {
        return new Tagged(Status.NO, code, text);
    }

    public static Tagged bad(String text) {
        return new Tagged(Status.BAD, null, text);
    }

    public static Tagged bad(String code, String text) {
        return new Tagged(Status.BAD, code, text);
    }

    /** A store refusal, with its response code (RFC 5530). */
    public static Tagged refused(MailboxException e) {
        String text = e.getMessage() == null || e.getMessage().isBlank() ? "Refused" : e.getMessage().strip();
        return new Tagged(Status.NO, e.code().name(), oneLine(text));
    }

    /** A store failure: temporary, never the client's fault (RFC 5530 UNAVAILABLE). */
    public static final Tagged UNAVAILABLE = no("UNAVAILABLE", "The mail store is not available now, try again later");

    /** The wire form, with the tag and CRLF. */
    public String render(String tag) {
        return tag + " " + status + (code == null ? "" : " [" + code + "]") + " " + text + "\r\n";
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
