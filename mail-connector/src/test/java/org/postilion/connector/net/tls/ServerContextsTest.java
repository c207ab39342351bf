package org.postilion.connector.net.tls;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol and cipher suite policy. */
class ServerContextsTest {

    @Test
    void offersOnlyTls13And12() {
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), ServerContexts.PROTOCOLS);
    }

    @Test
    void keepsTls13SuitesAndEcdheWithAeadFromTheJdksDefaults() {
        assertEquals(List.of(
                        "TLS_AES_256_GCM_SHA384",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
                ServerContexts.allowed(List.of(
                        "TLS_AES_256_GCM_SHA384",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                        "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
                        "TLS_RSA_WITH_AES_256_GCM_SHA384",
                        "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384",
                        "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")));
    }

    @Test
    void theJdkHereEnablesTheStrongSuitesAndNoWeakOne() {
        assertTrue(ServerContexts.CIPHER_SUITES.containsAll(List.of("TLS_AES_128_GCM_SHA256",
                "TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")), ServerContexts.CIPHER_SUITES.toString());
        assertFalse(ServerContexts.CIPHER_SUITES.stream().anyMatch(s -> s.contains("_CBC_") || s.startsWith("TLS_RSA_")
                || s.startsWith("TLS_DHE_") || s.startsWith("TLS_ECDH_") || s.endsWith("_SHA")),
                ServerContexts.CIPHER_SUITES.toString());
    }
}
