package org.postilion.connector.sasl;

import org.postilion.connector.spi.ScramCredentials;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * Stand-in SCRAM keys for a user the credential source denies, so that the server-first message looks the same
 * whether the user exists or not (RFC 5802 section 9 leaves this to the server; RFC 7677 section 4 asks for
 * it): the exchange goes on and fails at the proof.
 *
 * <p>The salt is HMAC-SHA-256 over the lower-cased user name, keyed with a secret drawn once per JVM, cut to
 * {@value #SALT_OCTETS} octets: the same name (in any case) gets the same salt every time, as a real user does.
 * The iteration count is the one the directory gives new credentials ({@code postilion.password.iterations},
 * 210000 by default, as mail-ejb's PasswordHasher), and the salt has its length (16 octets).
 *
 * <p>XXX: users whose credentials were made with an older iteration count still differ from the decoys; and a
 * restart changes every decoy salt while real salts stay: a secret from the configuration would close that.
 */
final class DecoyScramCredentials {

    /** The iteration count new credentials get in the directory (mail-ejb's PasswordHasher reads the same property). */
    static final int ITERATIONS = Integer.getInteger("postilion.password.iterations", 210_000);
    static final int SALT_OCTETS = 16;

    private static final byte[] SECRET = secret();

    private DecoyScramCredentials() {
    }

    /** The decoy for a prepared user name: the same name gives the same keys for the life of the JVM. */
    static ScramCredentials forUser(String user) {
        String key = user.toLowerCase(Locale.ROOT);
        byte[] salt = Arrays.copyOf(derive("salt", key), SALT_OCTETS);
        return new ScramCredentials(ITERATIONS, salt, derive("stored-key", key), derive("server-key", key));
    }

    private static byte[] derive(String purpose, String user) {
        return ScramCrypto.hmac(SECRET, (purpose + '\0' + user).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
