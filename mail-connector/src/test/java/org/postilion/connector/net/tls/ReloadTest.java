package org.postilion.connector.net.tls;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replacing certificate files while the server runs; a bad replacement never takes TLS down. */
class ReloadTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final TlsFixtures.ManualClock clock = new TlsFixtures.ManualClock();
    private final KeyMaterial first = TlsFixtures.ec("mail.example.test");
    private final KeyMaterial renewed = TlsFixtures.ec("mail.example.test");
    private Path chain;
    private Path key;

    @BeforeEach
    void writeFirstCertificate() {
        chain = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
        TlsFixtures.writePem(first, chain, key);
    }

    private TlsContextProvider start() {
        return TlsContextProvider.create(TlsSettings.pem("mail.example.test", chain, key), clock);
    }

    private void renew() {
        TlsFixtures.replace(chain, TlsFixtures.certificatePem(renewed));
        TlsFixtures.replace(key, TlsFixtures.keyPem(renewed));
    }

    @Test
    void servesTheSameContextWhileNothingChanges() {
        TlsContextProvider provider = start();
        SslContext context = provider.current();
        clock.advance(INTERVAL.multipliedBy(3));

        assertSame(context, provider.current());
    }

    @Test
    void picksUpAReplacedCertificateAfterTheIntervalAndNotBefore() {
        TlsContextProvider provider = start();
        SslContext before = provider.current();
        renew();

        clock.advance(INTERVAL.minusSeconds(1));
        assertSame(before, provider.current());
        assertEquals(first.leaf(), provider.certificate());

        clock.advance(Duration.ofSeconds(1));
        assertNotSame(before, provider.current());
        assertEquals(renewed.leaf(), provider.certificate());
    }

    @Test
    void followsCertbotsLinksToTheNextArchivedFiles() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Path live = Files.createDirectories(dir.resolve("live"));
        TlsFixtures.writePem(first, archive.resolve("fullchain1.pem"), archive.resolve("privkey1.pem"));
        TlsFixtures.writePem(renewed, archive.resolve("fullchain2.pem"), archive.resolve("privkey2.pem"));
        chain = Files.createSymbolicLink(live.resolve("fullchain.pem"), archive.resolve("fullchain1.pem"));
        key = Files.createSymbolicLink(live.resolve("privkey.pem"), archive.resolve("privkey1.pem"));
        TlsContextProvider provider = start();

        for (String name : new String[]{"fullchain", "privkey"}) {
            Files.delete(live.resolve(name + ".pem"));
            Files.createSymbolicLink(live.resolve(name + ".pem"), archive.resolve(name + "2.pem"));
        }
        clock.advance(INTERVAL);

        provider.current();
        assertEquals(renewed.leaf(), provider.certificate());
    }

    @Test
    void keepsTheOldCertificateWhileTheNewOnesKeyIsNotYetWritten() {
        TlsContextProvider provider = start();
        SslContext before = provider.current();

        try (TlsFixtures.CapturedLog log = new TlsFixtures.CapturedLog(TlsContextProvider.class)) {
            TlsFixtures.replace(chain, TlsFixtures.certificatePem(renewed));
            clock.advance(INTERVAL);

            assertSame(before, provider.current());
            assertEquals(first.leaf(), provider.certificate());
            assertEquals(1, log.at(Level.WARNING).size());
            assertTrue(log.at(Level.WARNING).get(0).getMessage().contains("does not belong to the certificate"));
        }

        TlsFixtures.replace(key, TlsFixtures.keyPem(renewed));
        clock.advance(INTERVAL);
        assertNotSame(before, provider.current());
        assertEquals(renewed.leaf(), provider.certificate());
    }

    @Test
    void keepsTheOldCertificateWhenTheNewFileIsHalfWrittenAndRetries() {
        TlsContextProvider provider = start();
        SslContext before = provider.current();
        String whole = TlsFixtures.certificatePem(renewed);
        TlsFixtures.replace(key, TlsFixtures.keyPem(renewed));

        try (TlsFixtures.CapturedLog log = new TlsFixtures.CapturedLog(TlsContextProvider.class)) {
            TlsFixtures.replace(chain, whole.substring(0, whole.length() / 2));
            clock.advance(INTERVAL);
            assertSame(before, provider.current());
            clock.advance(INTERVAL);
            assertSame(before, provider.current());

            assertEquals(1, log.at(Level.WARNING).size(), "the same bad files are reported once");
            assertTrue(log.at(Level.WARNING).get(0).getMessage().contains("incomplete"));
        }

        TlsFixtures.replace(chain, whole);
        clock.advance(INTERVAL);
        assertNotSame(before, provider.current(), "the check that sees the change reloads");
        assertEquals(renewed.leaf(), provider.certificate());
    }

    @Test
    void keepsTheOldCertificateWhenTheFilesDisappear() throws Exception {
        TlsContextProvider provider = start();
        SslContext before = provider.current();
        Files.delete(key);
        clock.advance(INTERVAL);

        assertSame(before, provider.current());
    }

    @Test
    void keepsTheOldKeystoreWhenTheNewOneHasAnotherPassword() {
        Path store = dir.resolve("mail.p12");
        TlsFixtures.writeKeyStore(store, "PKCS12", "secret".toCharArray(), first);
        TlsContextProvider provider = TlsContextProvider.create(
                TlsSettings.keyStore("mail.example.test", store, "secret", null), clock);
        SslContext before = provider.current();

        TlsFixtures.writeKeyStore(store, "PKCS12", "other".toCharArray(), renewed);
        bumpModificationTime(store);
        clock.advance(INTERVAL);
        assertSame(before, provider.current());

        TlsFixtures.writeKeyStore(store, "PKCS12", "secret".toCharArray(), renewed);
        bumpModificationTime(store);
        clock.advance(INTERVAL);
        assertNotSame(before, provider.current());
        assertEquals(renewed.leaf(), provider.certificate());
    }

    @Test
    void refusesToStartOnBrokenFiles() {
        TlsFixtures.write(key, TlsFixtures.keyPem(renewed));

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, this::start);
        assertTrue(e.getMessage().startsWith(chain + " and " + key + ": the private key does not belong"),
                e.getMessage());
    }

    private static void bumpModificationTime(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
