package org.postilion.it.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** TLS for test clients: the test server's certificate is self-signed, made at its first start. */
public final class TlsClients {

    private TlsClients() {
    }

    /** A client context trusting any certificate: these tests check the protocol, not the PKI. */
    public static SSLContext trustingAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // never asked
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // the test server's self-signed certificate
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

    /** Upgrades a connected socket to TLS (after STARTTLS's 220) and completes the handshake. */
    public static SSLSocket upgrade(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) trustingAll().getSocketFactory().createSocket(plain, host, port, true);
        ssl.setSoTimeout(30_000);
        ssl.startHandshake();
        return ssl;
    }

    /** A TLS connection from the start (implicit TLS, port 465). */
    public static SSLSocket connect(String host, int port) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), 5000);
        return upgrade(plain, host, port);
    }
}
