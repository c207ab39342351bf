package org.postilion.connector.net.tls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code Received:} wording of a TLS session, as Postfix words it. */
class TlsTraceTest {

    @Test
    void namesProtocolCipherAndKeyBitsOfTls13() {
        assertEquals("using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)",
                TlsTrace.received("TLSv1.3", "TLS_AES_128_GCM_SHA256"));
        assertEquals("using TLSv1.3 with cipher TLS_CHACHA20_POLY1305_SHA256 (256/256 bits)",
                TlsTrace.received("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"));
    }

    @Test
    void leavesOutTheBitsOfAnUnknownCipher() {
        assertEquals("using TLSv1.2 with cipher TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384",
                TlsTrace.received("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384"));
    }

    @Test
    void keepsAnythingButNamesOutOfTheHeader() {
        assertEquals("using TLSv1.3?X-Evil?yes with cipher unknown",
                TlsTrace.received("TLSv1.3\nX-Evil:yes", null));
    }
}
