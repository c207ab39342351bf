package org.postilion.web.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which paths the console filter redirects, which get the console's headers, and the policy itself. */
class ConsoleFilterTest {

    @Test
    void theRootRedirectsToTheConsole() {
        assertEquals(ConsoleFilter.Treatment.REDIRECT, ConsoleFilter.treatment("/"));
        assertEquals(ConsoleFilter.Treatment.REDIRECT, ConsoleFilter.treatment(""));
    }

    @Test
    void consoleFilesGetTheHeadersAndTheApiIsLeftAlone() {
        assertEquals(ConsoleFilter.Treatment.HEADERS, ConsoleFilter.treatment("/console/"));
        assertEquals(ConsoleFilter.Treatment.HEADERS, ConsoleFilter.treatment("/console"));
        assertEquals(ConsoleFilter.Treatment.HEADERS, ConsoleFilter.treatment("/console/js/api.js"));
        assertEquals(ConsoleFilter.Treatment.NONE, ConsoleFilter.treatment("/api/domains"));
        assertEquals(ConsoleFilter.Treatment.NONE, ConsoleFilter.treatment("/consoles"));
        assertEquals(ConsoleFilter.Treatment.NONE, ConsoleFilter.treatment("/.well-known/mta-sts.txt"));
    }

    @Test
    void thePolicyAllowsNoInlineScriptNoForeignOriginAndNoFraming() {
        String csp = ConsoleFilter.CONTENT_SECURITY_POLICY;
        assertTrue(csp.startsWith("default-src 'self'"));
        assertTrue(csp.contains("frame-ancestors 'none'"));
        assertFalse(csp.contains("unsafe-inline"));
        assertFalse(csp.contains("unsafe-eval"));
        assertFalse(csp.contains("http"), "no other origin");
        assertEquals("nosniff", ConsoleFilter.HEADERS.get("X-Content-Type-Options"));
        assertEquals("no-referrer", ConsoleFilter.HEADERS.get("Referrer-Policy"));
    }
}
