package org.postilion.connector.net.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The self-signed certificate used when none is configured, made at first start and kept in a directory so that
 * restarts present the same certificate (clients that pinned it keep working):
 * <pre>
 *   DIR/                     rwx------
 *   DIR/selfsigned-key.pem   rw-------  PKCS#8 private key, unencrypted
 *   DIR/selfsigned-cert.pem  rw-------  the certificate: give it to clients that should trust this server
 * </pre>
 * PEM rather than a PKCS#12 file with a password beside it: a password stored next to the keystore protects
 * nothing that the file permissions do not, and PEM files are what administrators and {@code openssl} read.
 *
 * <p>Each file is written to a temporary file, forced to disk and renamed over the old one, the key first: a
 * crash leaves either the old pair, or a new key without its certificate, which is regenerated at next start.
 * A stored pair is replaced only when it is for another host name or expires within {@link #RENEW_BEFORE};
 * a damaged pair is an error, never silently replaced.
 */
final class SelfSignedStore {

    static final String KEY_FILE = "selfsigned-key.pem";
    static final String CERTIFICATE_FILE = "selfsigned-cert.pem";
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Logger LOG = Logger.getLogger(SelfSignedStore.class.getName());
    /** Listeners starting together in one server must not make two certificates. */
    private static final Object LOCK = new Object();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SelfSignedStore() {
    }

    static KeyMaterial loadOrCreate(String hostname, Path directory, Clock clock) {
        Path certificate = directory.resolve(CERTIFICATE_FILE);
        Path key = directory.resolve(KEY_FILE);
        synchronized (LOCK) {
            Instant now = clock.instant();
            if (Files.exists(certificate)) {
                KeyMaterial stored;
                try {
                    stored = KeyMaterial.fromPem(certificate, key);
                } catch (TlsConfigurationException e) {
                    throw new TlsConfigurationException(e.getMessage() + " (delete " + certificate + " and " + key
                            + " to make a new self-signed certificate)", e);
                }
                String unusable = unusable(stored.leaf(), hostname, now);
                if (unusable == null) {
                    return stored;
                }
                LOG.info("TLS: replacing the self-signed certificate in " + directory + ": " + unusable);
            }
            KeyMaterial made = SelfSignedGenerator.generate(hostname, now);
            store(made, directory, key, certificate);
            LOG.info("TLS: made a self-signed certificate, " + Certificates.describe(made.leaf()) + ", in "
                    + certificate + "; configure a certificate from a CA for clients to trust this server");
            return made;
        }
    }

    /** Why a stored certificate should be replaced, or null if it should not. */
    static String unusable(X509Certificate certificate, String hostname, Instant now) {
        if (!Certificates.coversHost(certificate, hostname)) {
            return "it is for " + Certificates.dnsNames(certificate) + ", not " + hostname;
        }
        if (certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return "it expires on " + certificate.getNotAfter().toInstant();
        }
        return null;
    }

    private static void store(KeyMaterial material, Path directory, Path key, Path certificate) {
        try {
            if (POSIX) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                // XXX on file systems without POSIX permissions (Windows) the files inherit the directory's ACL
                Files.createDirectories(directory);
            }
            write(key, Pem.encode(Pem.PRIVATE_KEY, material.key().getEncoded()));
            write(certificate, Pem.encode(Pem.CERTIFICATE, material.leaf().getEncoded()));
        } catch (IOException | CertificateEncodingException e) {
            throw new TlsConfigurationException(directory + ": cannot store the self-signed certificate: " + e, e);
        }
    }

    private static void write(Path target, String text) throws IOException {
        FileAttribute<?>[] ownerOnly = POSIX
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", ownerOnly);
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
