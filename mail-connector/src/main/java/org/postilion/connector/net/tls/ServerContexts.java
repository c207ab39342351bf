package org.postilion.connector.net.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Netty server contexts with the protocol policy of this package: TLS 1.3 and 1.2 on the JDK's provider,
 * the JDK's default cipher suites restricted to forward-secret AEAD ones (RFC 9325 section 4.2).
 */
final class ServerContexts {

    /** Newest first. TLS 1.0 and 1.1 are deprecated by RFC 8996, SSL 3 by RFC 7568. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The JDK's defaults in the JDK's order (strongest first), filtered by {@link #isAllowed(String)}. */
    static final List<String> CIPHER_SUITES = allowed(jdkDefaultCipherSuites());

    private ServerContexts() {
    }

    static SslContext build(KeyMaterial material) {
        try {
            return SslContextBuilder.forServer(material.key(), material.chain().toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigurationException(material.source() + ": cannot make a TLS context: " + e, e);
        }
    }

    /**
     * Every TLS 1.3 suite (all are AEAD with ephemeral key exchange), and for TLS 1.2 only ECDHE with AES-GCM or
     * ChaCha20-Poly1305: no static RSA key exchange (no forward secrecy), no CBC (Lucky Thirteen and kin), no
     * finite-field DHE (weak groups, RFC 7919), no SHA-1 MACs.
     */
    static boolean isAllowed(String suite) {
        boolean tls13 = suite.startsWith("TLS_") && !suite.contains("_WITH_") && !suite.endsWith("_SCSV");
        boolean ecdheAead = suite.startsWith("TLS_ECDHE_")
                && (suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_"));
        return tls13 || ecdheAead;
    }

    static List<String> allowed(List<String> suites) {
        List<String> allowed = suites.stream().filter(ServerContexts::isAllowed).toList();
        if (allowed.isEmpty()) {
            throw new IllegalStateException("the JDK enables no ECDHE/AEAD or TLS 1.3 cipher suite: " + suites);
        }
        return allowed;
    }

    private static List<String> jdkDefaultCipherSuites() {
        try {
            SSLContext jdk = SSLContext.getInstance("TLS");
            jdk.init(null, null, null);
            return Arrays.asList(jdk.getDefaultSSLParameters().getCipherSuites());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS provider", e);
        }
    }
}
