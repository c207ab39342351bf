package org.postilion.security;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCRAM-SHA-256 credentials against the example exchange of RFC 7677 section 3. */
class ScramCredentialTest {

    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String AUTH_MESSAGE = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
            + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
            + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

    private final ScramCredential pencil = ScramCredential.fromSaltedPassword(4096, SALT,
            PasswordHasher.saltedPassword("pencil", SALT, 4096));

    @Test
    void derivesTheServerSignatureOfRfc7677() {
        byte[] serverSignature = hmac(pencil.serverKey(), AUTH_MESSAGE);
        assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Base64.getEncoder().encodeToString(serverSignature));
    }

    @Test
    void verifiesTheClientProofOfRfc7677() {
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] clientSignature = hmac(pencil.storedKey(), AUTH_MESSAGE);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        assertArrayEquals(pencil.storedKey(), ScramCredential.sha256(clientKey));
    }

    @Test
    void storedFormRoundTrips() {
        ScramCredential back = ScramCredential.parse(pencil.format());
        assertEquals(4096, back.iterations());
        assertArrayEquals(SALT, back.salt());
        assertArrayEquals(pencil.storedKey(), back.storedKey());
        assertArrayEquals(pencil.serverKey(), back.serverKey());
        assertTrue(pencil.format().startsWith("{SCRAM-SHA-256}4096,W22ZaJ0SNY7soEsUEjb6gQ==$"));
    }

    @Test
    void rejectsStoredFormsThatAreNotScram() {
        for (String bad : new String[] {"", "pencil", "{PLAIN}pencil", "{SCRAM-SHA-256}4096,abc$def",
                "{SCRAM-SHA-256}x,abc$def$ghi", "{SCRAM-SHA-256}4096,a b$c$d", "{SCRAM-SHA-1}4096,a$b$c"}) {
            assertThrows(IllegalArgumentException.class, () -> ScramCredential.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ScramCredential.parse(null));
    }

    @Test
    void passwordHasherAcceptsTheRightPasswordOnly() {
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);
        String stored = hasher.hash("correct horse");
        assertTrue(hasher.verify("correct horse", stored));
        assertFalse(hasher.verify("correct horsE", stored));
        assertFalse(hasher.verify("", stored));
        assertFalse(hasher.verify("correct horse", "garbage"), "an unreadable credential never matches");
        assertFalse(stored.contains("correct"), "the password is not in the stored form");
    }

    @Test
    void saltsMakeEqualPasswordsStoreDifferently() {
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);
        assertFalse(hasher.hash("same password").equals(hasher.hash("same password")));
    }

    @Test
    void refusesIterationCountsBelowRfc7677() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(1000));
    }

    private static byte[] hmac(byte[] key, String text) {
        return ScramCredential.hmac(key, text);
    }
}
