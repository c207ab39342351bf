package org.postilion.connector.imap.search;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An ENVELOPE (RFC 9051 section 7.5.2) read back from the IMAP string the store rendered at delivery:
 * <pre>
 *   envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to SP env-cc SP
 *              env-bcc SP env-in-reply-to SP env-message-id ")"
 *   address  = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
 * </pre>
 * Fields are {@code nstring}s: NIL, a quoted string or a literal ({@code {n}} CRLF and n octets). The address
 * lists are NIL or a parenthesised list of addresses, with RFC 5322 groups marked as RFC 9051 says (a start
 * with NIL host, an end with NIL mailbox and host); group markers are kept out of {@link #from()} and the
 * other lists, so that "the first address" means the first real one.
 *
 * <p>SECURITY: the string comes from our own store, but it holds what senders wrote; the parser is strict,
 * non-recursive beyond the fixed depth of the grammar, and bounds literal lengths by the input.
 *
 * @param date      the Date header as sent, or null
 * @param subject   the Subject header as sent (encoded-words not decoded), or null
 * @param inReplyTo the In-Reply-To header as sent, or null
 * @param messageId the Message-ID header as sent, or null
 */
public record ImapEnvelope(String date, String subject, List<Address> from, List<Address> sender,
                           List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc,
                           String inReplyTo, String messageId) {

    /** One address; any part may be null. */
    public record Address(String name, String adl, String mailbox, String host) {

        /** {@code mailbox@host}, or the mailbox alone when there is no host. */
        public String addrSpec() {
            if (mailbox == null) {
                return "";
            }
            return host == null ? mailbox : mailbox + "@" + host;
        }

        /** The display name with encoded-words decoded, or null. */
        public String displayName() {
            return name == null ? null : EncodedWords.decode(name);
        }

        /** The address as a reader sees it, for substring matching: {@code Name <mailbox@host>}. */
        String searchText() {
            String n = displayName();
            return n == null || n.isEmpty() ? addrSpec() : n + " <" + addrSpec() + ">";
        }
    }

    public ImapEnvelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** Parses an ENVELOPE string. */
    public static ImapEnvelope parse(String envelope) {
        return new Parser(envelope.getBytes(StandardCharsets.UTF_8)).envelope();
    }

    /** The subject with encoded-words decoded, or null. */
    public String decodedSubject() {
        return subject == null ? null : EncodedWords.decode(subject);
    }

    /** The text an address key (FROM, TO, CC, BCC) searches in: every address, comma-separated. */
    static String searchText(List<Address> addresses) {
        StringBuilder sb = new StringBuilder();
        for (Address a : addresses) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(a.searchText());
        }
        return sb.toString();
    }

    private static final class Parser {
        private final byte[] b;
        private int pos;

        Parser(byte[] b) {
            this.b = b;
        }

        ImapEnvelope envelope() {
            expect('(');
            String date = nstring();
            space();
            String subject = nstring();
            space();
            List<Address> from = addresses();
            space();
            List<Address> sender = addresses();
            space();
            List<Address> replyTo = addresses();
            space();
            List<Address> to = addresses();
            space();
            List<Address> cc = addresses();
            space();
            List<Address> bcc = addresses();
            space();
            String inReplyTo = nstring();
            space();
            String messageId = nstring();
            expect(')');
            if (pos != b.length) {
                throw error("trailing characters");
            }
            return new ImapEnvelope(date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId);
        }

        private List<Address> addresses() {
            if (nil()) {
                return List.of();
            }
            expect('(');
            List<Address> list = new ArrayList<>();
            while (peek() == '(') {
                pos++;
                String name = nstring();
                space();
                String adl = nstring();
                space();
                String mailbox = nstring();
                space();
                String host = nstring();
                expect(')');
                if (host != null) {
                    list.add(new Address(name, adl, mailbox, host));
                }
                // host NIL: the start (mailbox = group name) or end (mailbox NIL) of a group, no address
                if (peek() == ' ') {
                    pos++;
                }
            }
            expect(')');
            return list;
        }

        private boolean nil() {
            if (pos + 3 <= b.length && (b[pos] | 0x20) == 'n' && (b[pos + 1] | 0x20) == 'i' && (b[pos + 2] | 0x20) == 'l') {
                pos += 3;
                return true;
            }
            return false;
        }

        private String nstring() {
            if (nil()) {
                return null;
            }
            int c = peek();
            if (c == '"') {
                pos++;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (true) {
                    if (pos >= b.length) {
                        throw error("unterminated quoted string");
                    }
                    byte x = b[pos++];
                    if (x == '"') {
                        return new String(out.toByteArray(), StandardCharsets.UTF_8);
                    }
                    if (x == '\\') {
                        if (pos >= b.length) {
                            throw error("unterminated quoted string");
                        }
                        x = b[pos++];
                    }
                    out.write(x);
                }
            }
            if (c == '{') {
                int close = pos + 1;
                long n = 0;
                while (close < b.length && b[close] >= '0' && b[close] <= '9' && n <= b.length) {
                    n = n * 10 + (b[close] - '0');
                    close++;
                }
                if (close == pos + 1 || close + 2 >= b.length
                        || b[close] != '}' || b[close + 1] != '\r' || b[close + 2] != '\n') {
                    throw error("malformed literal");
                }
                int start = close + 3;
                if (n > b.length - start) {
                    throw error("literal longer than the envelope");
                }
                pos = start + (int) n;
                return new String(b, start, (int) n, StandardCharsets.UTF_8);
            }
            throw error("string expected");
        }

        private int peek() {
            return pos < b.length ? b[pos] : -1;
        }

        private void space() {
            expect(' ');
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "' expected");
            }
            pos++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed ENVELOPE at offset " + pos + ": " + what);
        }
    }
}
