package org.postilion.connector.sasl;

import org.postilion.connector.spi.SaslPrep;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The checks every mechanism makes of client responses: size, strict UTF-8, and the prepared, bounded forms of
 * user names and passwords.
 *
 * <p>LIMITS: {@value #MAX_RESPONSE_OCTETS} octets per response, {@value #MAX_USER_CHARS} characters per user
 * name and {@value #MAX_PASSWORD_CHARS} per password, counted in code points after SASLprep.
 */
final class SaslInput {

    static final int MAX_RESPONSE_OCTETS = 4096;
    static final int MAX_USER_CHARS = 255;
    static final int MAX_PASSWORD_CHARS = 1024;

    private SaslInput() {
    }

    /** The response as text: present, at most {@value #MAX_RESPONSE_OCTETS} octets, well-formed UTF-8. */
    static String text(byte[] response) throws SaslRejection {
        if (response == null) {
            throw SaslRejection.malformed("no response");
        }
        if (response.length > MAX_RESPONSE_OCTETS) {
            throw SaslRejection.malformed("response longer than " + MAX_RESPONSE_OCTETS + " octets");
        }
        try {
            // a fresh decoder each time: decoders are not thread-safe, and this refuses overlong forms and surrogates
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(response))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SaslRejection.malformed("response is not UTF-8");
        }
    }

    /** A user name (authentication or authorization identity) after SASLprep, not empty, bounded. */
    static String user(String raw) throws SaslRejection {
        return prepared(raw, MAX_USER_CHARS, "user name");
    }

    /** A password after SASLprep, not empty, bounded. */
    static String password(String raw) throws SaslRejection {
        return prepared(raw, MAX_PASSWORD_CHARS, "password");
    }

    private static String prepared(String raw, int maxChars, String what) throws SaslRejection {
        // checked before preparing too, so that NFKC never sees more than it must
        if (raw.codePointCount(0, raw.length()) > maxChars) {
            throw SaslRejection.malformed(what + " longer than " + maxChars + " characters");
        }
        String prepared = SaslPrep.prepare(raw)
                .orElseThrow(() -> SaslRejection.malformed(what + " holds prohibited characters"));
        if (prepared.isEmpty()) {
            throw SaslRejection.malformed("empty " + what);
        }
        if (prepared.codePointCount(0, prepared.length()) > maxChars) {
            throw SaslRejection.malformed(what + " longer than " + maxChars + " characters");
        }
        return prepared;
    }
}
