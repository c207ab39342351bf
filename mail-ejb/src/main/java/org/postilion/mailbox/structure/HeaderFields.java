package org.postilion.mailbox.structure;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of one MIME header that ENVELOPE and BODYSTRUCTURE need, fed line by line by the {@link MimeScanner}.
 *
 * <p>Only those fields are kept, so a header of 100 000 fields costs no more memory than one of ten: every other
 * field is skipped as it streams past. A kept value keeps its folds as an LF before each continuation line (as
 * Dovecot's header parser keeps them), loses the white space after the colon, and is cut at {@link #VALUE_LIMIT}
 * octets; an LF alone ends a line as CRLF does.
 *
 * <p>Repeated fields: of the Content-* fields the first counts; of Date, Subject, Message-ID and In-Reply-To the
 * last; of the address fields (From, To, ...) every occurrence, each parsed on its own and their addresses listed
 * one after the other. This is what Dovecot 2.3 answers.
 *
 * <p>Content-* fields count only in a MIME entity (RFC 2045 section 4): a part of a multipart, or a message whose
 * header has MIME-Version or, as Dovecot accepts, Content-Type. {@link #mime} tells.
 *
 * <p>Header bytes are decoded as UTF-8, an invalid sequence becoming U+FFFD; NUL becomes U+FFFD too, since no IMAP
 * string may carry it. A client therefore sees a header in UTF-8 (RFC 6532) as it was sent, and one in a legacy
 * 8-bit charset (forbidden in headers, but sent) with replacement characters instead of bytes it could not have
 * interpreted anyway (Dovecot sends the raw bytes, in a literal). A CR that ends no line stays: each reader treats
 * it as Dovecot's does (white space between words, kept in quoted strings).
 *
 * <p>LIMITS: {@code VALUE_LIMIT} (65536) octets per kept value (of an address field: of all its occurrences), the
 * rest is dropped; {@code MESSAGE_LIMIT} (1048576) octets kept of all the headers of a message together, its parts'
 * and enclosed messages' included, so that what is kept, and the BODYSTRUCTURE written from it, stay small whatever
 * the message.
 */
final class HeaderFields {

    /** The most octets kept of one field's value (of all address fields' occurrences together). */
    static final int VALUE_LIMIT = 64 * 1024;

    /** The fields that are kept, by their name in lower case. */
    enum Name {
        CONTENT_TYPE("content-type", Repeat.FIRST),
        CONTENT_TRANSFER_ENCODING("content-transfer-encoding", Repeat.JOIN),
        CONTENT_ID("content-id", Repeat.FIRST),
        CONTENT_DESCRIPTION("content-description", Repeat.FIRST),
        CONTENT_DISPOSITION("content-disposition", Repeat.JOIN),
        CONTENT_LANGUAGE("content-language", Repeat.JOIN),
        CONTENT_LOCATION("content-location", Repeat.FIRST),
        CONTENT_MD5("content-md5", Repeat.FIRST),
        DATE("date", Repeat.LAST),
        SUBJECT("subject", Repeat.LAST),
        FROM("from", Repeat.JOIN),
        SENDER("sender", Repeat.JOIN),
        REPLY_TO("reply-to", Repeat.JOIN),
        TO("to", Repeat.JOIN),
        CC("cc", Repeat.JOIN),
        BCC("bcc", Repeat.JOIN),
        IN_REPLY_TO("in-reply-to", Repeat.LAST),
        MESSAGE_ID("message-id", Repeat.LAST);

        private final String lowerCase;
        private final Repeat repeat;

        Name(String lowerCase, Repeat repeat) {
            this.lowerCase = lowerCase;
            this.repeat = repeat;
        }

        boolean isEnvelope() {
            return ordinal() >= DATE.ordinal();
        }

        static Name of(String lowerCaseName) {
            for (Name n : values()) {
                if (n.lowerCase.equals(lowerCaseName)) {
                    return n;
                }
            }
            return null;
        }
    }

    private enum Repeat { FIRST, LAST, JOIN }

    /** The longest field name worth looking at: longer names cannot be one of ours. */
    private static final int NAME_LIMIT = 32;

    private static final byte[] FOLD = {'\n'};

    private final boolean envelope;
    private final Map<Name, String> values = new EnumMap<>(Name.class);
    private final Map<Name, List<String>> occurrences = new EnumMap<>(Name.class);
    private boolean mimeVersion;
    private int joined;

    private Name current;
    private byte[] value = new byte[256];
    private int valueLength;

    /**
     * What one message may keep of all its headers together: a message of 10 000 parts, each with long
     * Content-* fields, must not keep (and describe) megabytes of them.
     */
    static final class Budget {
        private long left;

        Budget(long octets) {
            this.left = octets;
        }

        /** Takes up to {@code wanted} octets from the budget; returns how many it got. */
        int take(int wanted) {
            int n = (int) Math.min(wanted, left);
            left -= n;
            return n;
        }
    }

    /** The octets of kept values one message may hold, all its headers together. */
    static final int MESSAGE_LIMIT = 1024 * 1024;

    private final Budget budget;

    /**
     * @param envelope whether the envelope fields are wanted (the message's header, an enclosed message's)
     * @param budget   the message's budget of kept octets, shared by all its headers
     */
    HeaderFields(boolean envelope, Budget budget) {
        this.envelope = envelope;
        this.budget = budget;
    }

    /**
     * The kept value of a field, unfolded, or null when the header has no such field. Unfolding is Dovecot's
     * ({@code imap_append_nstring_nolf}): a line end followed by white space goes, one followed by anything else
     * (a CR alone within a line) becomes a space.
     */
    String get(Name name) {
        return unfold(values.get(name));
    }

    /** The kept value of a field with its folds (an LF before each continuation line), or null. */
    String folded(Name name) {
        return values.get(name);
    }

    /**
     * Every occurrence of a field kept whole (the address fields; Content-Transfer-Encoding, -Disposition and
     * -Language, where Dovecot looks past a broken first one), in order, with folds; empty for none.
     */
    List<String> all(Name name) {
        return occurrences.getOrDefault(name, List.of());
    }

    /** Whether the header has a MIME-Version field. */
    boolean hasMimeVersion() {
        return mimeVersion;
    }

    /** Forgets the Content-* fields: the entity is not MIME, so they mean nothing. */
    void forgetContentFields() {
        values.keySet().removeIf(n -> !n.isEnvelope());
        occurrences.keySet().removeIf(n -> !n.isEnvelope());
    }

    static String unfold(String value) {
        if (value == null || (value.indexOf('\r') < 0 && value.indexOf('\n') < 0)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\r' && c != '\n') {
                out.append(c);
            } else if (i + 1 < value.length() && value.charAt(i + 1) != ' ' && value.charAt(i + 1) != '\t') {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /**
     * Feeds one header line.
     *
     * @param line   the line's first octets, without its line end
     * @param copied how many octets of the line {@code line} holds
     */
    void line(byte[] line, int copied) {
        if (copied > 0 && (line[0] == ' ' || line[0] == '\t')) {
            if (current != null) {
                append(FOLD, 0, 1);
                append(line, 0, copied);
            }
            return;
        }
        finish();
        int colon = -1;
        for (int i = 0; i < copied && i <= NAME_LIMIT; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return;
        }
        int end = colon;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        String lowerCase = new String(line, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (lowerCase.equals("mime-version")) {
            mimeVersion = true;
        }
        Name name = Name.of(lowerCase);
        if (name == null || (name.isEnvelope() && !envelope)
                || (name.repeat == Repeat.FIRST && values.containsKey(name))) {
            return;
        }
        current = name;
        valueLength = 0;
        int start = colon + 1;
        while (start < copied && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        append(line, start, copied - start);
    }

    /** Ends the header: the last field is complete. */
    void end() {
        finish();
    }

    private void append(byte[] bytes, int offset, int length) {
        int n = budget.take(Math.min(length, VALUE_LIMIT - valueLength));
        if (n <= 0) {
            return;
        }
        if (valueLength + n > value.length) {
            value = Arrays.copyOf(value, Math.min(VALUE_LIMIT, Math.max(value.length * 2, valueLength + n)));
        }
        System.arraycopy(bytes, offset, value, valueLength, n);
        valueLength += n;
    }

    private void finish() {
        if (current == null) {
            return;
        }
        String text = decode(value, valueLength);
        if (current.repeat == Repeat.JOIN) {
            if (joined + text.length() <= VALUE_LIMIT) {
                occurrences.computeIfAbsent(current, k -> new ArrayList<>()).add(text);
                joined += text.length();
            }
        }
        values.put(current, text);
        current = null;
        valueLength = 0;
    }

    /** UTF-8, with U+FFFD for invalid sequences and for NUL. */
    static String decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text;
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            // cannot happen with REPLACE; keep the ASCII view rather than fail a delivery
            text = new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
