package org.postilion.connector.net.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.postilion.connector.net.tls.TlsFixtures.resource;

/** PEM files as certbot and OpenSSL write them, and the ways they can be wrong. */
class PemTest {

    @TempDir
    Path dir;

    @Test
    void readsCertbotFullchainLeafFirstWithItsPkcs8Key() {
        KeyMaterial m = KeyMaterial.fromPem(resource("fullchain.pem"), resource("privkey.pem"));

        assertEquals(2, m.chain().size());
        assertEquals("CN=mail.example.test", m.leaf().getSubjectX500Principal().getName());
        assertEquals("CN=Postilion Test CA", m.chain().get(1).getSubjectX500Principal().getName());
        assertInstanceOf(ECPrivateKey.class, m.key());
    }

    @Test
    void readsPkcs1RsaKey() {
        KeyMaterial m = KeyMaterial.fromPem(resource("rsa-pkcs1.crt.pem"), resource("rsa-pkcs1.key.pem"));

        assertEquals(2048, ((RSAPrivateKey) m.key()).getModulus().bitLength());
    }

    @Test
    void readsSec1EcKeyWithTheCurveItNames() {
        KeyMaterial m = KeyMaterial.fromPem(resource("ec-sec1.crt.pem"), resource("ec-sec1.key.pem"));

        assertEquals(256, ((ECPrivateKey) m.key()).getParams().getCurve().getField().getFieldSize());
    }

    @Test
    void readsKeyAndChainFromOneFile() throws Exception {
        Path both = dir.resolve("combined.pem");
        Files.writeString(both, Files.readString(resource("privkey.pem")) + Files.readString(resource("fullchain.pem")));

        assertEquals(2, KeyMaterial.fromPem(both, both).chain().size());
    }

    @Test
    void ignoresTextOutsideTheBlocks() throws Exception {
        Path cert = dir.resolve("exported.pem");
        Files.writeString(cert, "Bag Attributes\n    localKeyID: 01 00 00 00\nsubject=CN = mail.example.test\n"
                + Files.readString(resource("fullchain.pem")).replace("\n", "\r\n"));

        assertEquals(2, Pem.readCertificates(cert).size());
    }

    @Test
    void writesWhatItReads() {
        byte[] der = new byte[200];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) i;
        }
        String text = Pem.encode("CERTIFICATE", der);

        assertTrue(text.lines().allMatch(line -> line.length() <= 64), text);
        assertArrayEquals(der, Pem.parse(text, "test").get(0).der());
    }

    @Test
    void refusesEncryptedKeyNamingTheCommandThatDecryptsIt() {
        Path key = dir.resolve("key.pem");
        TlsFixtures.write(key, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> KeyMaterial.fromPem(resource("fullchain.pem"), key));
        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("openssl pkey"), e.getMessage());
    }

    @Test
    void refusesKeyEncryptedInOpensslsOldFormat() {
        Path key = dir.resolve("key.pem");
        TlsFixtures.write(key, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, () -> Pem.readPrivateKey(key));
        assertTrue(e.getMessage().contains("encrypted key"), e.getMessage());
    }

    @Test
    void refusesChainCutOffWhileBeingWritten() throws Exception {
        Path cert = dir.resolve("fullchain.pem");
        String whole = Files.readString(resource("fullchain.pem"));
        TlsFixtures.write(cert, whole.substring(0, whole.length() - 200));

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, () -> Pem.readCertificates(cert));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
    }

    @Test
    void refusesKeyThatIsNotTheCertificates() {
        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> KeyMaterial.fromPem(resource("ec-sec1.crt.pem"), resource("privkey.pem")));

        assertTrue(e.getMessage().contains("does not belong to the certificate CN=ec.example.test"), e.getMessage());
    }

    @Test
    void refusesRsaKeyForAnEcCertificate() {
        assertThrows(TlsConfigurationException.class,
                () -> KeyMaterial.fromPem(resource("ec-sec1.crt.pem"), resource("rsa-pkcs1.key.pem")));
    }

    @Test
    void namesTheFileThatIsMissing() {
        Path missing = dir.resolve("nowhere.pem");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> KeyMaterial.fromPem(missing, resource("privkey.pem")));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void refusesKeyFileGivenAsCertificateChain() {
        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> Pem.readCertificates(resource("privkey.pem")));

        assertTrue(e.getMessage().endsWith("no certificate in it (expected -----BEGIN CERTIFICATE-----)"));
    }

    @Test
    void refusesDamagedBase64() {
        Path cert = dir.resolve("cert.pem");
        TlsFixtures.write(cert, "-----BEGIN CERTIFICATE-----\nMIIB*&^%\n-----END CERTIFICATE-----\n");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, () -> Pem.readCertificates(cert));
        assertTrue(e.getMessage().contains("bad base64"), e.getMessage());
    }

    @Test
    void readsTheOidOfAnEcCurve() {
        assertEquals("1.2.840.10045.3.1.7", Der.oid(new byte[]{0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 3, 1, 7}));
        assertEquals(List.of(), Der.parse(new byte[]{0x30, 0}).children());
    }
}
