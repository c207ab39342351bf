package org.postilion.connector.net.tls;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings, and how the {@code postilion.tls.*} properties map onto them. */
class TlsSettingsTest {

    private static final Path DATA = Path.of("/var/lib/wildfly/data/postilion/tls");

    private static TlsSettings from(Map<String, String> properties) {
        return TlsSettings.fromProperties(properties::get, "mail.example.test", DATA);
    }

    @Test
    void usesASelfSignedCertificateInTheDataDirectoryWhenNothingIsConfigured() {
        TlsSettings s = from(Map.of());

        assertEquals(TlsSettings.Source.SELF_SIGNED, s.source());
        assertEquals(Optional.of(DATA), s.selfSignedDirectory());
        assertEquals(Duration.ofSeconds(10), s.reloadInterval());
    }

    @Test
    void readsCertbotsFilesAndTheReloadInterval() {
        TlsSettings s = from(Map.of(
                "postilion.tls.cert", "/etc/letsencrypt/live/mail.example.test/fullchain.pem",
                "postilion.tls.key", "/etc/letsencrypt/live/mail.example.test/privkey.pem",
                "postilion.tls.reload-interval", "60"));

        assertEquals(TlsSettings.Source.PEM, s.source());
        assertEquals(Optional.of(Path.of("/etc/letsencrypt/live/mail.example.test/privkey.pem")), s.privateKey());
        assertEquals(Duration.ofSeconds(60), s.reloadInterval());
    }

    @Test
    void readsAKeystoreWithPasswordAndAlias() {
        TlsSettings s = from(Map.of(
                "postilion.tls.keystore", "/opt/mail.p12",
                "postilion.tls.keystore-password", "secret",
                "postilion.tls.keystore-alias", "mail",
                "postilion.tls.cert", "  "));

        assertEquals(TlsSettings.Source.KEY_STORE, s.source());
        assertEquals(Optional.of("mail"), s.keyStoreAlias());
    }

    @Test
    void neverShowsTheKeystorePassword() {
        String shown = TlsSettings.keyStore("mail.example.test", Path.of("/opt/mail.p12"), "s3cr3t", null).toString();

        assertFalse(shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("keyStorePassword=***"), shown);
    }

    @Test
    void refusesACertificateWithoutItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("postilion.tls.cert", "/etc/fullchain.pem")));

        assertTrue(e.getMessage().contains("postilion.tls.key"), e.getMessage());
    }

    @Test
    void refusesAKeystoreWithoutItsPassword() {
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("postilion.tls.keystore", "/opt/mail.p12")));
    }

    @Test
    void refusesPemFilesAndAKeystoreTogether() {
        assertThrows(IllegalArgumentException.class, () -> from(Map.of(
                "postilion.tls.cert", "/etc/fullchain.pem", "postilion.tls.key", "/etc/privkey.pem",
                "postilion.tls.keystore", "/opt/mail.p12", "postilion.tls.keystore-password", "secret")));
    }

    @Test
    void refusesAReloadIntervalThatIsNotWholeSeconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("postilion.tls.reload-interval", "10s")));

        assertEquals("postilion.tls.reload-interval is not a number of seconds: 10s", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("postilion.tls.reload-interval", "0")));
    }

    @Test
    void refusesAHostNameThatCannotBeInACertificate() {
        assertThrows(IllegalArgumentException.class, () -> TlsSettings.selfSigned("mail example", DATA));
        assertThrows(IllegalArgumentException.class, () -> TlsSettings.selfSigned("CN=evil,O=x", DATA));
        assertEquals("localhost", TlsSettings.selfSigned("localhost", DATA).hostname());
    }
}
