package org.postilion.connector.imap.search;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a message into text for matching. Mail arrives in every charset and in none: a label the
 * JDK does not know, or bytes that are not what the label says, must still give text (Dovecot does the same),
 * so the fallback is UTF-8 when the bytes are valid UTF-8, else ISO-8859-1, which maps every byte.
 */
final class Charsets {

    private Charsets() {
    }

    /** The charset of a label, or null when the label is empty, malformed or unknown to the JDK. */
    static Charset lookup(String label) {
        if (label == null || label.isEmpty() || label.length() > 64) {
            return null;
        }
        try {
            return Charset.forName(label.trim());
        } catch (IllegalArgumentException e) {
            // IllegalCharsetNameException and UnsupportedCharsetException both extend it
            return null;
        }
    }

    /** Decodes with a label's charset, falling back as described above when the label is no use. */
    static String decode(byte[] bytes, int off, int len, String label) {
        Charset cs = lookup(label);
        if (cs != null && !cs.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, off, len, cs);
        }
        return decodeUnlabelled(bytes, off, len);
    }

    /** UTF-8 when the bytes are valid UTF-8 (which includes ASCII), else ISO-8859-1. */
    static String decodeUnlabelled(byte[] bytes, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
    }
}
