package org.postilion.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.postilion.connector.spi.SaslPrep;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.ScramDigestPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Turns passwords into {@link ScramCredential}s and checks passwords against them. The slow part,
 * PBKDF2-HMAC-SHA-256 (SCRAM's Hi function), is Elytron's.
 */
@ApplicationScoped
public class PasswordHasher {

    public static final int DEFAULT_ITERATIONS = 210_000;
    /** RFC 7677 section 4: at least 4096. */
    public static final int MIN_ITERATIONS = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final VerifiedLogins verified;
    private String decoy;

    public PasswordHasher() {
        this(Integer.getInteger("postilion.password.iterations", DEFAULT_ITERATIONS), VerifiedLogins.fromSystemProperties());
    }

    /** A hasher without the cache of verified logins. */
    public PasswordHasher(int iterations) {
        this(iterations, new VerifiedLogins(Duration.ZERO, 0, System::nanoTime));
    }

    PasswordHasher(int iterations, VerifiedLogins verified) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations below " + MIN_ITERATIONS);
        }
        this.iterations = iterations;
        this.verified = verified;
    }

    /**
     * A new credential for the password, with a fresh random salt, in its stored form. The password is
     * SASLprep'ed first (RFC 4013), as the connector's PLAIN, LOGIN and SCRAM mechanisms prepare what clients send.
     *
     * @throws IllegalArgumentException when the password holds characters SASLprep prohibits
     */
    public String hash(String password) {
        String prepared = SaslPrep.prepare(password)
                .orElseThrow(() -> new IllegalArgumentException("the password holds characters that cannot be used"));
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return ScramCredential.fromSaltedPassword(iterations, salt, saltedPassword(prepared, salt, iterations)).format();
    }

    /**
     * Whether the password matches the stored credential; false for a credential that cannot be read. A password
     * that matched the same credential a moment ago is recognised without deriving it again
     * ({@link VerifiedLogins}).
     */
    public boolean verify(String password, String stored) {
        if (verified.contains(stored, password)) {
            return true;
        }
        boolean matches = derivesTo(password, stored);
        if (matches) {
            verified.add(stored, password);
        }
        return matches;
    }

    private static boolean derivesTo(String password, String stored) {
        ScramCredential credential;
        try {
            credential = ScramCredential.parse(stored);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String prepared = SaslPrep.prepare(password).orElse(null);
        return prepared != null
                && credential.matchesSaltedPassword(saltedPassword(prepared, credential.salt(), credential.iterations()));
    }

    /**
     * A short digest of a stored credential, kept in a web session made with it: when the password changes, the
     * stored credential changes (new salt), and so does its fingerprint, which ends the sessions made before.
     */
    public static String fingerprint(String stored) {
        return HexFormat.of().formatHex(ScramCredential.sha256(stored.getBytes(StandardCharsets.UTF_8)), 0, 12);
    }

    /** A credential no password matches, with this hasher's cost: to check unknown logins against. */
    public synchronized String decoy() {
        if (decoy == null) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            decoy = new ScramCredential(iterations, salt, key, key).format();
        }
        return decoy;
    }

    /** SaltedPassword = Hi(Normalize(password), salt, i) of RFC 5802 section 3. */
    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(ScramDigestPassword.ALGORITHM_SCRAM_SHA_256,
                    WildFlyElytronPasswordProvider.getInstance());
            ScramDigestPassword p = (ScramDigestPassword) factory.generatePassword(new EncryptablePasswordSpec(
                    password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(iterations, salt)));
            return p.getDigest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Elytron cannot derive a SCRAM-SHA-256 password", e);
        }
    }
}
