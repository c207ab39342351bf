package org.postilion.connector.net.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keystores: PKCS#12 as keytool makes it, JKS, aliases and passwords. */
class KeyStoreTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void servesThePkcs12KeystoreKeytoolMakes() {
        Path store = dir.resolve("mail.p12");
        TlsFixtures.keytool("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-alias", "mail", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=mail.example.test", "-ext", "SAN=dns:mail.example.test", "-validity", "30");

        TlsContextProvider provider = TlsContextProvider.create(
                TlsSettings.keyStore("mail.example.test", store, "changeit", null));

        assertEquals("CN=mail.example.test", provider.certificate().getSubjectX500Principal().getName());
        assertTrue(provider.current().isServer());
    }

    @Test
    void readsJks() {
        Path store = dir.resolve("mail.jks");
        KeyMaterial m = TlsFixtures.ec("jks.example.test");
        TlsFixtures.writeKeyStore(store, "JKS", PASSWORD, m);

        assertEquals(m.leaf(), KeyMaterial.fromKeyStore(store, PASSWORD, null).leaf());
    }

    @Test
    void takesTheKeyTheAliasNames() {
        Path store = dir.resolve("two.p12");
        KeyMaterial first = TlsFixtures.ec("first.example.test");
        KeyMaterial second = TlsFixtures.ec("second.example.test");
        TlsFixtures.writeKeyStore(store, "PKCS12", PASSWORD, first, second);

        assertEquals(second.leaf(), KeyMaterial.fromKeyStore(store, PASSWORD, "mail1").leaf());
    }

    @Test
    void asksForAnAliasWhenTheKeystoreHoldsSeveralKeys() {
        Path store = dir.resolve("two.p12");
        TlsFixtures.writeKeyStore(store, "PKCS12", PASSWORD, TlsFixtures.ec("a.example.test"),
                TlsFixtures.ec("b.example.test"));

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> KeyMaterial.fromKeyStore(store, PASSWORD, null));
        assertTrue(e.getMessage().contains("several private keys [mail, mail1]"), e.getMessage());
    }

    @Test
    void refusesAnAliasThatIsNotThere() {
        Path store = dir.resolve("one.p12");
        TlsFixtures.writeKeyStore(store, "PKCS12", PASSWORD, TlsFixtures.ec("a.example.test"));

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> KeyMaterial.fromKeyStore(store, PASSWORD, "smtp"));
        assertTrue(e.getMessage().endsWith("no private key under alias 'smtp'; keys: [mail]"), e.getMessage());
    }

    @Test
    void saysTheKeystorePasswordIsWrong() {
        for (String type : List.of("PKCS12", "JKS")) {
            Path store = dir.resolve("mail." + type);
            TlsFixtures.writeKeyStore(store, type, PASSWORD, TlsFixtures.ec("a.example.test"));

            TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                    () -> TlsContextProvider.create(TlsSettings.keyStore("a.example.test", store, "wrong", null)));
            assertEquals(store + ": wrong keystore password", e.getMessage(), type);
        }
    }

    @Test
    void refusesAFileThatIsNoKeystore() {
        Path store = dir.resolve("mail.p12");
        TlsFixtures.write(store, "this is not a keystore");

        assertThrows(TlsConfigurationException.class, () -> KeyMaterial.fromKeyStore(store, PASSWORD, null));
    }
}
