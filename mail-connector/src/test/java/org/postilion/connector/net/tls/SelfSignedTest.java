package org.postilion.connector.net.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With nothing configured: a self-signed certificate, made once and kept. */
class SelfSignedTest {

    @TempDir
    Path data;

    private final TlsFixtures.ManualClock clock = new TlsFixtures.ManualClock();

    private TlsContextProvider start(String hostname) {
        return TlsContextProvider.create(TlsSettings.selfSigned(hostname, data.resolve("postilion/tls")), clock);
    }

    @Test
    void makesAServerCertificateForTheHostName() throws Exception {
        X509Certificate c = start("mail.example.test").certificate();

        assertEquals("CN=mail.example.test", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        c.verify(c.getPublicKey());
        assertEquals(List.of(List.of(2, "mail.example.test")), List.copyOf(c.getSubjectAlternativeNames()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage());
        assertEquals(-1, c.getBasicConstraints(), "not a CA");
        assertEquals(256, ((ECPublicKey) c.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals(Duration.ofDays(3651),
                Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()));
        assertTrue(c.getNotBefore().toInstant().isBefore(clock.instant()));
    }

    @Test
    void presentsTheSameCertificateAfterARestart() {
        X509Certificate first = start("mail.example.test").certificate();
        clock.advance(Duration.ofDays(100));

        assertEquals(first, start("mail.example.test").certificate());
    }

    @Test
    void keepsTheKeyWhereOnlyTheServersUserCanReadIt() throws Exception {
        assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"));
        start("mail.example.test");
        Path dir = data.resolve("postilion/tls");

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(SelfSignedStore.KEY_FILE))));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(SelfSignedStore.CERTIFICATE_FILE, SelfSignedStore.KEY_FILE),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void makesANewOneWhenTheHostNameChanged() {
        X509Certificate old = start("old.example.test").certificate();
        X509Certificate renamed = start("new.example.test").certificate();

        assertNotEquals(old, renamed);
        assertEquals("CN=new.example.test", renamed.getSubjectX500Principal().getName());
        assertEquals(renamed, start("new.example.test").certificate());
    }

    @Test
    void makesANewOneAMonthBeforeItExpires() {
        X509Certificate old = start("mail.example.test").certificate();
        clock.advance(Duration.ofDays(3650 - 29));

        X509Certificate renewed = start("mail.example.test").certificate();
        assertNotEquals(old, renewed);
        assertTrue(renewed.getNotAfter().toInstant().isAfter(clock.instant().plus(Duration.ofDays(3000))));
    }

    @Test
    void makesANewOneWhenAStartWasInterruptedBeforeTheCertificateWasWritten() throws Exception {
        X509Certificate old = start("mail.example.test").certificate();
        Files.delete(data.resolve("postilion/tls").resolve(SelfSignedStore.CERTIFICATE_FILE));

        assertNotEquals(old, start("mail.example.test").certificate());
    }

    @Test
    void refusesToStartOnADamagedStoredKeyRatherThanReplaceIt() throws Exception {
        start("mail.example.test");
        Path key = data.resolve("postilion/tls").resolve(SelfSignedStore.KEY_FILE);
        TlsFixtures.write(key, "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, () -> start("mail.example.test"));
        assertTrue(e.getMessage().contains("delete"), e.getMessage());
        assertFalse(Files.readString(key).contains("END"), "left as it was");
    }
}
