package org.postilion.connector.net.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * PEM files (RFC 7468) as certbot and OpenSSL write them: certificate chains, and unencrypted private keys in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA, EC, Ed25519, Ed448), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC 1
 * ({@code BEGIN EC PRIVATE KEY}); the last two are rewrapped into PKCS#8 here, so no BouncyCastle is needed.
 *
 * <p>Text outside the blocks (OpenSSL's "Bag Attributes", comments) is ignored. A block without its END line
 * means the file is still being written, and is an error rather than a shorter chain.
 */
final class Pem {

    static final String CERTIFICATE = "CERTIFICATE";
    static final String PRIVATE_KEY = "PRIVATE KEY";

    /** The command that turns any key OpenSSL can read into what this class reads best. */
    static final String TO_PKCS8 = "openssl pkey -in KEY.pem -out privkey.pem";

    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    /** AlgorithmIdentifier {rsaEncryption, NULL} (RFC 8017 appendix A.1). */
    private static final byte[] RSA_ALGORITHM = Der.encode(Der.SEQUENCE,
            Der.encode(Der.OBJECT_IDENTIFIER, new byte[]{0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1}),
            Der.encode(Der.NULL));
    /** The OBJECT IDENTIFIER id-ecPublicKey (RFC 5480 section 2.1.1). */
    private static final byte[] EC_PUBLIC_KEY = Der.encode(Der.OBJECT_IDENTIFIER,
            new byte[]{0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 2, 1});
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, new byte[]{0});

    private Pem() {
    }

    /** One decoded block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...) and its DER contents. */
    record Block(String label, byte[] der) {
    }

    /** Every certificate of a file, in file order: the leaf first in certbot's {@code fullchain.pem}. */
    static List<X509Certificate> readCertificates(Path file) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Block block : read(file)) {
            if (block.label().equals(CERTIFICATE)) {
                try {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                } catch (CertificateException e) {
                    throw new TlsConfigurationException(file + ": certificate " + (chain.size() + 1)
                            + " is damaged: " + e.getMessage(), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new TlsConfigurationException(file + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(chain);
    }

    /** The first private key of a file. Encrypted keys are refused with the command that decrypts them. */
    static PrivateKey readPrivateKey(Path file) {
        for (Block block : read(file)) {
            switch (block.label()) {
                case PRIVATE_KEY:
                    return pkcs8(block.der(), file);
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.encode(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM,
                            Der.encode(Der.OCTET_STRING, block.der())), file);
                case "EC PRIVATE KEY":
                    return pkcs8(fromSec1(block.der(), file), file);
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsConfigurationException(file + ": the private key is encrypted; the server needs it "
                            + "unencrypted and readable only by its own user: " + TO_PKCS8);
                case "DSA PRIVATE KEY":
                case "OPENSSH PRIVATE KEY":
                    throw new TlsConfigurationException(file + ": " + block.label() + " is not a TLS server key; "
                            + "use an RSA or EC key in PKCS#8 (BEGIN PRIVATE KEY)");
                default:
                    // certificates, EC PARAMETERS: not the key
            }
        }
        throw new TlsConfigurationException(file + ": no private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    /** Renders one block, base64 in lines of 64 characters as RFC 7468 section 2 asks. */
    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static List<Block> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsConfigurationException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigurationException(file + ": permission denied to user "
                    + System.getProperty("user.name") + ", who runs the server", e);
        } catch (IOException e) {
            throw new TlsConfigurationException(file + ": cannot read: " + e, e);
        }
        return parse(text, file.toString());
    }

    static List<Block> parse(String text, String source) {
        List<Block> blocks = new ArrayList<>();
        String label = null;
        StringBuilder base64 = new StringBuilder();
        for (String line : (Iterable<String>) text.lines().map(String::strip)::iterator) {
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
                    label = line.substring(11, line.length() - 5);
                    base64.setLength(0);
                }
            } else if (line.startsWith("-----END ")) {
                if (!line.equals("-----END " + label + "-----")) {
                    throw new TlsConfigurationException(source + ": " + label + " block ends with " + line);
                }
                try {
                    blocks.add(new Block(label, Base64.getDecoder().decode(base64.toString())));
                } catch (IllegalArgumentException e) {
                    throw new TlsConfigurationException(source + ": " + label + " block is damaged (bad base64)", e);
                }
                label = null;
            } else if (line.indexOf(':') >= 0) {
                throw new TlsConfigurationException(source + ": " + label + " block has headers (" + line
                        + "): an encrypted key in OpenSSL's old format; decrypt it with: " + TO_PKCS8);
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw new TlsConfigurationException(source + ": " + label
                    + " block has no END line: the file is incomplete (still being written?)");
        }
        return blocks;
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        String algorithm;
        try {
            Der.Element info = expect(Der.parse(der), Der.SEQUENCE);
            Der.Element algorithmId = expect(info.children().get(1), Der.SEQUENCE);
            String oid = Der.oid(expect(algorithmId.children().get(0), Der.OBJECT_IDENTIFIER).contents());
            algorithm = KEY_ALGORITHMS.get(oid);
            if (algorithm == null) {
                throw new TlsConfigurationException(file + ": private key algorithm " + oid
                        + " is not supported; use RSA or EC");
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new TlsConfigurationException(file + ": the private key is damaged (not PKCS#8 DER)", e);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsConfigurationException(file + ": the " + algorithm + " private key is damaged: "
                    + e.getMessage(), e);
        }
    }

    /**
     * SEC 1 {@code ECPrivateKey} (RFC 5915) to PKCS#8: the curve moves from the key's {@code [0] parameters}
     * into the AlgorithmIdentifier. OpenSSL always writes the parameters.
     */
    private static byte[] fromSec1(byte[] der, Path file) {
        try {
            for (Der.Element field : expect(Der.parse(der), Der.SEQUENCE).children()) {
                if (field.tag() == Der.CONTEXT_0) {
                    byte[] curve = Der.encode(Der.OBJECT_IDENTIFIER,
                            expect(field.children().get(0), Der.OBJECT_IDENTIFIER).contents());
                    return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY, curve),
                            Der.encode(Der.OCTET_STRING, der));
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new TlsConfigurationException(file + ": the EC private key is damaged (not SEC 1 DER)", e);
        }
        throw new TlsConfigurationException(file + ": the EC private key does not name its curve; " + TO_PKCS8);
    }

    private static Der.Element expect(Der.Element element, int tag) {
        if (element.tag() != tag) {
            throw new IllegalArgumentException("DER tag " + element.tag() + " where " + tag + " was expected");
        }
        return element;
    }
}
