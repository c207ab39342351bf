package org.postilion.connector.sasl;

import org.postilion.connector.spi.ScramCredentials;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802 section 3), written apart from the server's code so that the two
 * check each other: it computes the salted password with the JDK's PBKDF2, which the server never does.
 */
final class ScramTestClient {

    private final String gs2Header;
    private final String user;
    private final String password;
    private final String clientNonce;
    private String serverSignature;

    ScramTestClient(String gs2Header, String user, String password, String clientNonce) {
        this.gs2Header = gs2Header;
        this.user = user;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    ScramTestClient(String user, String password) {
        this("n,,", user, password, randomNonce());
    }

    String clientFirst() {
        return gs2Header + bare();
    }

    private String bare() {
        return "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    /** The client-final message for {@code serverFirst} ({@code r=...,s=...,i=...}), with the nonce it gave. */
    String clientFinal(String serverFirst) {
        String[] attributes = serverFirst.split(",");
        return clientFinal(serverFirst, attributes[0].substring(2));
    }

    /** The client-final message for {@code serverFirst}, with {@code nonce} instead of the server's. */
    String clientFinal(String serverFirst, String nonce) {
        String[] attributes = serverFirst.split(",");
        if (!attributes[0].startsWith("r=" + clientNonce) || !attributes[1].startsWith("s=")
                || !attributes[2].startsWith("i=")) {
            throw new AssertionError("not a server-first message for this client: " + serverFirst);
        }
        byte[] salt = Base64.getDecoder().decode(attributes[1].substring(2));
        int iterations = Integer.parseInt(attributes[2].substring(2));

        String withoutProof = "c=" + base64(gs2Header.getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        byte[] authMessage = (bare() + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] saltedPassword = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] clientSignature = hmac(sha256(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        serverSignature = "v=" + base64(hmac(hmac(saltedPassword, "Server Key"), authMessage));
        return withoutProof + ",p=" + base64(proof);
    }

    /** Whether the server-final message proves that the server knows the keys. */
    boolean acceptsServerFinal(String serverFinal) {
        return serverFinal.equals(serverSignature);
    }

    /** What the directory stores for {@code password}: RFC 5802 section 3. */
    static ScramCredentials credentials(String password, byte[] salt, int iterations) {
        byte[] saltedPassword = saltedPassword(password, salt, iterations);
        return new ScramCredentials(iterations, salt, sha256(hmac(saltedPassword, "Client Key")),
                hmac(saltedPassword, "Server Key"));
    }

    static ScramCredentials credentials(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return credentials(password, salt, 4096);
    }

    private static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static String randomNonce() {
        byte[] octets = new byte[18];
        new SecureRandom().nextBytes(octets);
        return base64(octets);
    }
}
