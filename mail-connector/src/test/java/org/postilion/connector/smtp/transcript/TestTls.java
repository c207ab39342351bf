package org.postilion.connector.smtp.transcript;

import org.postilion.connector.net.tls.TlsContextProvider;
import org.postilion.connector.net.tls.TlsSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** TLS for the protocol tests: one self-signed server certificate per test JVM, and a client that trusts it. */
public final class TestTls {

    private static TlsContextProvider provider;

    private TestTls() {
    }

    /** The test server's key material: a self-signed certificate for mx.test in a temporary directory. */
    public static synchronized TlsContextProvider provider() {
        if (provider == null) {
            try {
                Path dir = Files.createTempDirectory("postilion-tls-test");
                dir.toFile().deleteOnExit();
                provider = TlsContextProvider.create(TlsSettings.selfSigned("mx.test", dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return provider;
    }

    /** A TLS client context that trusts any server certificate: the tests check the protocol, not the PKI. */
    public static SSLContext trustingClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // a client certificate is never asked for
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // any: the test's own self-signed certificate
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
