package org.postilion.connector.spi;

/**
 * What the server keeps of a password for SCRAM-SHA-256 (RFC 5802 section 3, RFC 7677): never the password.
 *
 * @param iterations the PBKDF2 iteration count the client must use
 * @param salt       the salt the client must use
 * @param storedKey  H(ClientKey), to verify the client's proof
 * @param serverKey  HMAC(SaltedPassword, "Server Key"), to sign the server's final message
 */
public record ScramCredentials(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    public ScramCredentials {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public String toString() {
        return "ScramCredentials[iterations=" + iterations + "]";
    }
}
