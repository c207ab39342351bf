package org.postilion.connector.net.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A private key and the certificate chain that goes with it, the leaf first, checked to belong together.
 *
 * @param source where it came from, for messages
 */
record KeyMaterial(PrivateKey key, List<X509Certificate> chain, String source) {

    KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new TlsConfigurationException(source + ": no certificate");
        }
        requireMatch(key, chain.get(0), source);
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** A PEM chain and key, such as certbot's {@code fullchain.pem} and {@code privkey.pem} (may be one file). */
    static KeyMaterial fromPem(Path certificateChain, Path privateKey) {
        List<X509Certificate> chain = Pem.readCertificates(certificateChain);
        PrivateKey key = Pem.readPrivateKey(privateKey);
        return new KeyMaterial(key, chain, certificateChain.equals(privateKey)
                ? certificateChain.toString() : certificateChain + " and " + privateKey);
    }

    /**
     * A PKCS#12 or JKS keystore (the type is recognised from the file). The key's password is the keystore's,
     * as keytool and OpenSSL make it for PKCS#12. Without an alias the keystore must hold exactly one key.
     */
    static KeyMaterial fromKeyStore(Path file, char[] password, String alias) {
        if (!Files.isRegularFile(file)) {
            throw new TlsConfigurationException(file + ": no such file", new NoSuchFileException(file.toString()));
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsConfigurationException(file + ": wrong keystore password", e);
            }
            throw new TlsConfigurationException(file + ": cannot read the keystore (damaged, or wrong password): "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigurationException(file + ": not a PKCS#12 or JKS keystore: " + e.getMessage(), e);
        }
        try {
            String entry = alias != null ? alias : onlyKeyEntry(store, file);
            if (!store.isKeyEntry(entry)) {
                throw new TlsConfigurationException(file + ": no private key under alias '" + entry + "'; keys: "
                        + keyEntries(store));
            }
            Key key = store.getKey(entry, password);
            Certificate[] chain = store.getCertificateChain(entry);
            if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                throw new TlsConfigurationException(file + ": alias '" + entry
                        + "' is not a private key with its certificate chain");
            }
            List<X509Certificate> certificates = new ArrayList<>(chain.length);
            for (Certificate c : chain) {
                certificates.add((X509Certificate) c);
            }
            return new KeyMaterial((PrivateKey) key, certificates, file + " alias '" + entry + "'");
        } catch (UnrecoverableKeyException e) {
            throw new TlsConfigurationException(file + ": the key's password is not the keystore's; make them the "
                    + "same (keytool -keypasswd)", e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigurationException(file + ": cannot read the key: " + e.getMessage(), e);
        }
    }

    private static String onlyKeyEntry(KeyStore store, Path file) throws GeneralSecurityException {
        List<String> keys = keyEntries(store);
        if (keys.size() != 1) {
            throw new TlsConfigurationException(file + ": " + (keys.isEmpty() ? "no private key in the keystore"
                    : "several private keys " + keys + "; name one with the keystore alias setting"));
        }
        return keys.get(0);
    }

    private static List<String> keyEntries(KeyStore store) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        Collections.sort(keys);
        return keys;
    }

    /**
     * Proves that the key belongs to the certificate by signing with one and verifying with the other, which
     * works alike for every key type. A renewed certificate written before its new key fails here, not in the
     * handshake of every client.
     */
    private static void requireMatch(PrivateKey key, X509Certificate leaf, String source) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "ED25519", "ED448", "EDDSA" -> "EdDSA";
            default -> throw new TlsConfigurationException(source + ": " + key.getAlgorithm()
                    + " keys are not supported; use RSA or EC");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsConfigurationException(source + ": the private key does not belong to the certificate "
                    + leaf.getSubjectX500Principal().getName() + " (the first one of the chain)");
        }
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "KeyMaterial[" + leaf().getSubjectX500Principal().getName() + " from " + source + "]";
    }
}
