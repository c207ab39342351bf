package org.postilion.security;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SCRAM-SHA-256 credential (RFC 5802 section 3): what the server keeps of a password. Stored as text in
 * Dovecot's notation: {@code {SCRAM-SHA-256}iterations,salt$StoredKey$ServerKey}, in base64.
 *
 * @param iterations the PBKDF2 iteration count
 * @param salt       the salt
 * @param storedKey  H(HMAC(SaltedPassword, "Client Key"))
 * @param serverKey  HMAC(SaltedPassword, "Server Key")
 */
public record ScramCredential(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    public static final String SCHEME = "{SCRAM-SHA-256}";
    private static final Pattern FORMAT =
            Pattern.compile("\\{SCRAM-SHA-256}([0-9]{1,9}),([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");

    /** Derives the credential from SaltedPassword = Hi(password, salt, iterations). */
    public static ScramCredential fromSaltedPassword(int iterations, byte[] salt, byte[] saltedPassword) {
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        return new ScramCredential(iterations, salt.clone(), sha256(clientKey), hmac(saltedPassword, "Server Key"));
    }

    /** Reads the stored form; throws IllegalArgumentException for anything else. */
    public static ScramCredential parse(String stored) {
        Matcher m = FORMAT.matcher(stored == null ? "" : stored);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 credential");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new ScramCredential(Integer.parseInt(m.group(1)), b64.decode(m.group(2)), b64.decode(m.group(3)),
                b64.decode(m.group(4)));
    }

    public String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + iterations + "," + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + "$"
                + b64.encodeToString(serverKey);
    }

    /** Whether {@code saltedPassword}, derived from a candidate password with this salt, matches. */
    public boolean matchesSaltedPassword(byte[] saltedPassword) {
        return MessageDigest.isEqual(storedKey, sha256(hmac(saltedPassword, "Client Key")));
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "ScramCredential[iterations=" + iterations + "]";
    }
}
