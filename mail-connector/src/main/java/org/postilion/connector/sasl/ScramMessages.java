package org.postilion.connector.sasl;

import org.postilion.connector.sasl.SaslStep.Failure.Reason;

import java.util.Base64;

/**
 * The parser of the two SCRAM client messages (RFC 5802 section 7), pure and strict: attributes in the order
 * the grammar gives, each a single letter, {@code =} and a non-empty value; user names in the {@code saslname}
 * syntax; nonces of printable ASCII without {@code ,}. The input is text already checked to be UTF-8 and
 * bounded in size; anything else is a {@link SaslRejection}.
 */
final class ScramMessages {

    /** The length of SCRAM-SHA-256's proof: one SHA-256 output. */
    static final int PROOF_OCTETS = 32;

    private ScramMessages() {
    }

    /**
     * {@code client-first-message}.
     *
     * @param gs2Header      the GS2 header as sent, up to and including its second comma, such as {@code n,,}
     * @param authzid        the decoded authorization identity, or null
     * @param bare           {@code client-first-message-bare} as sent, for the AuthMessage
     * @param username       the decoded user name, not yet prepared
     * @param clientNonce    the client's nonce
     */
    record ClientFirst(String gs2Header, String authzid, String bare, String username, String clientNonce) {
    }

    /**
     * {@code client-final-message}.
     *
     * @param channelBinding the decoded {@code c=} value
     * @param nonce          the combined nonce
     * @param withoutProof   {@code client-final-message-without-proof} as sent, for the AuthMessage
     * @param proof          the decoded {@code ClientProof}, {@value #PROOF_OCTETS} octets
     */
    record ClientFinal(byte[] channelBinding, String nonce, String withoutProof, byte[] proof) {
    }

    static ClientFirst clientFirst(String message) throws SaslRejection {
        noNul(message);
        int flagEnd = message.indexOf(',');
        if (flagEnd < 0) {
            throw SaslRejection.malformed("no GS2 header");
        }
        String flag = message.substring(0, flagEnd);
        if (flag.startsWith("p=")) {
            if (!isChannelBindingName(flag.substring(2))) {
                throw SaslRejection.malformed("bad channel binding name");
            }
            throw new SaslRejection(Reason.UNSUPPORTED, "channel-bindings-not-supported");
        }
        // "y": the client could bind but thinks we cannot, which is true as long as no -PLUS variant is offered
        if (!flag.equals("n") && !flag.equals("y")) {
            throw SaslRejection.malformed("bad channel binding flag");
        }
        int headerEnd = message.indexOf(',', flagEnd + 1);
        if (headerEnd < 0) {
            throw SaslRejection.malformed("GS2 header not ended");
        }
        String authzidAttribute = message.substring(flagEnd + 1, headerEnd);
        String authzid = null;
        if (!authzidAttribute.isEmpty()) {
            authzid = saslname(value(authzidAttribute, 'a'));
        }

        String bare = message.substring(headerEnd + 1);
        String[] attributes = bare.split(",", -1);
        if (attributes[0].startsWith("m=")) {
            throw new SaslRejection(Reason.UNSUPPORTED, "mandatory extension not supported");
        }
        if (attributes.length < 2) {
            throw SaslRejection.malformed("client-first-message needs a user name and a nonce");
        }
        String username = saslname(value(attributes[0], 'n'));
        String nonce = nonce(value(attributes[1], 'r'));
        extensions(attributes, 2, attributes.length);
        return new ClientFirst(message.substring(0, headerEnd + 1), authzid, bare, username, nonce);
    }

    static ClientFinal clientFinal(String message) throws SaslRejection {
        noNul(message);
        String[] attributes = message.split(",", -1);
        if (attributes.length < 3) {
            throw SaslRejection.malformed("client-final-message needs channel binding, nonce and proof");
        }
        byte[] channelBinding = base64(value(attributes[0], 'c'));
        String nonce = nonce(value(attributes[1], 'r'));
        extensions(attributes, 2, attributes.length - 1);
        byte[] proof = base64(value(attributes[attributes.length - 1], 'p'));
        if (proof.length != PROOF_OCTETS) {
            throw SaslRejection.malformed("proof is not " + PROOF_OCTETS + " octets");
        }
        return new ClientFinal(channelBinding, nonce, message.substring(0, message.lastIndexOf(',')), proof);
    }

    private static void noNul(String message) throws SaslRejection {
        if (message.indexOf('\0') >= 0) {
            throw SaslRejection.malformed("NUL in SCRAM message");
        }
    }

    /** The value of {@code attribute}, which must be {@code name=value} with a non-empty value. */
    private static String value(String attribute, char name) throws SaslRejection {
        if (attribute.length() < 3 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
            throw SaslRejection.malformed("expected attribute " + name);
        }
        return attribute.substring(2);
    }

    /** {@code attr-val}s, which are allowed and ignored ({@code value-char} holds anything but NUL and comma). */
    private static void extensions(String[] attributes, int from, int to) throws SaslRejection {
        for (int i = from; i < to; i++) {
            String attribute = attributes[i];
            if (attribute.length() < 3 || !isAlpha(attribute.charAt(0)) || attribute.charAt(1) != '=') {
                throw SaslRejection.malformed("bad extension attribute");
            }
        }
    }

    /**
     * Decodes {@code saslname}: {@code =2C} is a comma, {@code =3D} an equals sign, any other {@code =} is refused
     * (RFC 5802 section 5.1). The hex digits are matched regardless of case, as ABNF strings are (RFC 5234).
     */
    static String saslname(String encoded) throws SaslRejection {
        StringBuilder decoded = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '=') {
                decoded.append(c);
            } else if (encoded.regionMatches(true, i + 1, "2C", 0, 2)) {
                decoded.append(',');
                i += 2;
            } else if (encoded.regionMatches(true, i + 1, "3D", 0, 2)) {
                decoded.append('=');
                i += 2;
            } else {
                throw SaslRejection.malformed("bad escape in saslname");
            }
        }
        return decoded.toString();
    }

    /** {@code 1*printable}: ASCII 0x21 to 0x7E without the comma. */
    private static String nonce(String nonce) throws SaslRejection {
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                throw SaslRejection.malformed("nonce holds a character that is not printable");
            }
        }
        return nonce;
    }

    private static byte[] base64(String value) throws SaslRejection {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw SaslRejection.malformed("bad base64");
        }
    }

    private static boolean isChannelBindingName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
