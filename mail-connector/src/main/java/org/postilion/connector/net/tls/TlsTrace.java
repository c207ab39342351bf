package org.postilion.connector.net.tls;

import javax.net.ssl.SSLSession;

/**
 * How a connection was protected, worded for the {@code Received:} header as Postfix words it
 * ({@code smtpd_tls_received_header}):
 * <pre>
 * Received: from client.example (unknown [192.0.2.1])
 *         (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
 *         by mx.example.com (Postilion) with ESMTPS id 0H4C2M5K7PQRS; ...
 * </pre>
 * The bits are the cipher's key length, used and possible, as OpenSSL reports them; they are left out for a
 * cipher this class does not know.
 */
public final class TlsTrace {

    private TlsTrace() {
    }

    /** {@code using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)}; the caller adds the parentheses. */
    public static String received(SSLSession session) {
        return received(session.getProtocol(), session.getCipherSuite());
    }

    public static String received(String protocol, String cipherSuite) {
        String cipher = safe(cipherSuite);
        int bits = bits(cipher);
        return "using " + safe(protocol) + " with cipher " + cipher
                + (bits > 0 ? " (" + bits + "/" + bits + " bits)" : "");
    }

    /** Key length of the bulk cipher of a cipher suite, 0 if unknown. */
    static int bits(String cipherSuite) {
        if (cipherSuite.contains("_AES_256_") || cipherSuite.contains("_CHACHA20_")) {
            return 256;
        }
        if (cipherSuite.contains("_AES_128_")) {
            return 128;
        }
        return 0;
    }

    /** The JDK's names are plain already; this keeps anything else out of a header. */
    private static String safe(String name) {
        if (name == null) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && b.length() < 64; i++) {
            char c = name.charAt(i);
            b.append(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-' ? c : '?');
        }
        return b.toString();
    }
}
