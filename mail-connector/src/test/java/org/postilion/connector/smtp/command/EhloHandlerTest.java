package org.postilion.connector.smtp.command;

import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;
import org.postilion.connector.smtp.CommandLine;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.smtp.transcript.FakeSmtpBackend;
import org.postilion.connector.spi.AuthThrottle;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The service extensions EHLO lists, per listener profile and session state: STARTTLS only in clear text on a
 * listener that upgrades, AUTH only where it may be used now and not yet done.
 */
class EhloHandlerTest {

    private static final SmtpCommands COMMANDS = SmtpCommands.defaults();
    private static final String TLS = "using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)";
    private static final String AUTH = "AUTH SCRAM-SHA-256 PLAIN LOGIN";

    private static SmtpSession session(SmtpSettings settings, String client) {
        return new SmtpSession(settings, FakeSmtpBackend.synchronous(), AuthThrottle.defaults(),
                ImmediateEventExecutor.INSTANCE, client);
    }

    private static SmtpReply ehlo(SmtpSession session) {
        return COMMANDS.dispatch(session, CommandLine.of("EHLO client.example")).toCompletableFuture().join();
    }

    /** The list every listener gives, with the optional lines put where EHLO puts them. */
    private static List<String> expected(String size, boolean startTls, boolean auth) {
        List<String> lines = new ArrayList<>(List.of("mx.test", "PIPELINING", "SIZE " + size));
        if (startTls) {
            lines.add("STARTTLS");
        }
        if (auth) {
            lines.add(AUTH);
        }
        lines.addAll(List.of("ENHANCEDSTATUSCODES", "8BITMIME", "BINARYMIME", "CHUNKING", "SMTPUTF8", "DSN"));
        return lines;
    }

    @Test
    void listsNeitherStartTlsNorAuthOnAnMxWithoutTls() {
        SmtpReply reply = ehlo(session(SmtpSettings.defaults("mx.test"), "192.0.2.1"));

        assertEquals(expected("10240000", false, false), reply.lines());
        assertEquals(250, reply.code());
        assertNull(reply.status(), "EHLO lines carry no enhanced status code");
    }

    @Test
    void rendersOneLinePerExtensionWithTheNameFirst() {
        assertEquals("250-mx.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-ENHANCEDSTATUSCODES\r\n"
                        + "250-8BITMIME\r\n250-BINARYMIME\r\n250-CHUNKING\r\n250-SMTPUTF8\r\n250 DSN\r\n",
                ehlo(session(SmtpSettings.defaults("mx.test"), "192.0.2.1")).render());
    }

    @Test
    void listsStartTlsButNotAuthOnTheMx() {
        SmtpSession mx = session(SmtpSettings.mx("mx.test").build(), "127.0.0.1");

        assertEquals(expected("10240000", true, false), ehlo(mx).lines(), "no AUTH on the MX, even on loopback");
    }

    @Test
    void listsNeitherAfterTlsOnTheMx() {
        SmtpSession mx = session(SmtpSettings.mx("mx.test").build(), "192.0.2.1");
        mx.tlsEstablished(TLS);

        assertEquals(expected("10240000", false, false), ehlo(mx).lines());
    }

    @Test
    void listsStartTlsAndAuthOnSubmissionForALoopbackClient() {
        assertEquals(expected("10240000", true, true),
                ehlo(session(SmtpSettings.submission("mx.test").build(), "127.0.0.1")).lines());
        assertEquals(expected("10240000", true, true),
                ehlo(session(SmtpSettings.submission("mx.test").build(), "127.3.4.5")).lines());
        assertEquals(expected("10240000", true, true),
                ehlo(session(SmtpSettings.submission("mx.test").build(), "::1")).lines());
    }

    @Test
    void listsStartTlsButNotAuthOnSubmissionForAClientElsewhereBeforeTls() {
        assertEquals(expected("10240000", true, false),
                ehlo(session(SmtpSettings.submission("mx.test").build(), "192.0.2.1")).lines());
        assertEquals(expected("10240000", true, false),
                ehlo(session(SmtpSettings.submission("mx.test").build(), "2001:db8::1")).lines());
    }

    @Test
    void listsAuthButNotStartTlsOnSubmissionAfterTls() {
        SmtpSession submission = session(SmtpSettings.submission("mx.test").build(), "192.0.2.1");
        submission.tlsEstablished(TLS);

        assertEquals(expected("10240000", false, true), ehlo(submission).lines());
    }

    @Test
    void listsAuthButNotStartTlsOnImplicitTlsSubmission() {
        SmtpSession submissions = session(SmtpSettings.submissions("mx.test").build(), "192.0.2.1");
        submissions.tlsEstablished(TLS);

        assertEquals(expected("10240000", false, true), ehlo(submissions).lines());
    }

    @Test
    void listsNoAuthOnceAuthenticated() {
        SmtpSession submission = session(SmtpSettings.submission("mx.test").build(), "192.0.2.1");
        submission.tlsEstablished(TLS);
        submission.authenticated("bob@example.com");

        assertEquals(expected("10240000", false, false), ehlo(submission).lines());
    }

    @Test
    void listsNoAuthBeforeTlsOnLoopbackWhenPlaintextAuthOnLoopbackIsOff() {
        SmtpSession submission = session(SmtpSettings.submission("mx.test").plaintextAuthOnLoopback(false).build(),
                "127.0.0.1");

        assertEquals(expected("10240000", true, false), ehlo(submission).lines());
    }

    @Test
    void listsAuthInClearTextWhereTlsIsNotRequired() {
        SmtpSession submission = session(SmtpSettings.submission("mx.test").authRequiresTls(false).build(),
                "192.0.2.1");

        assertEquals(expected("10240000", true, true), ehlo(submission).lines());
    }

    @Test
    void listsTheListenersSizeLimit() {
        SmtpSession small = session(SmtpSettings.defaults("mx.test").toBuilder().messageSizeLimit(65536).build(),
                "192.0.2.1");

        assertEquals(expected("65536", false, false), ehlo(small).lines());
    }
}
