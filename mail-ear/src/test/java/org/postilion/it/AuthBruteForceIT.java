package org.postilion.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password guessing: 50 wrong passwords from one address get slowed down and, past the per-address limit (10),
 * a temporary refusal without a password check; the user, logging in from another address with the right
 * password, is not locked out. The guesser uses 127.0.0.3 so that the other tests, on 127.0.0.1, are not blocked.
 */
@ExtendWith(ArquillianExtension.class)
class AuthBruteForceIT {

    private static final String GUESSER = "127.0.0.3";
    private static final String HOME = "127.0.0.4";
    private static final AdminClient ADMIN = new AdminClient();
    private static String victim;

    @BeforeAll
    static void aUser() {
        String domain = TestServer.uniqueDomain("guess");
        victim = "victim@" + domain;
        ADMIN.createDomain(domain);
        ADMIN.createUser(victim, "the real password");
    }

    @Test
    void fiftyWrongPasswordsAreThrottledAndTheRightOneStillWorksFromElsewhere() throws Exception {
        int invalid = 0;
        int throttled = 0;
        int attempts = 0;
        while (attempts < 50) {
            try (SmtpConversation smtp = SmtpConversation.openFrom(GUESSER, TestServer.submissionPort())) {
                smtp.reply();
                smtp.command("EHLO guesser");
                // three failures end a session; reconnect and go on
                for (int i = 0; i < 3 && attempts < 50; i++) {
                    attempts++;
                    SmtpConversation.Reply reply = smtp.authPlain(victim, "guess number " + attempts);
                    if (reply.code() == 535) {
                        invalid++;
                    } else if (reply.code() == 454 && reply.last().startsWith("454 4.7.0")) {
                        throttled++;
                    } else if (reply.code() != 421) {
                        throw new AssertionError("unexpected reply to a wrong password: " + reply);
                    }
                    if (reply.code() == 421) {
                        break;
                    }
                }
            } catch (IOException closedAfterTooManyFailures) {
                // the server closed the session after its third failure: the next round reconnects
            }
        }
        assertTrue(invalid <= 10, "at most the per-address limit is checked: " + invalid + " were");
        assertTrue(throttled >= 30, "the rest are refused for now: " + throttled);

        try (SmtpConversation smtp = SmtpConversation.openFrom(GUESSER, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO guesser");
            assertEquals(454, smtp.authPlain(victim, "the real password").code(),
                    "the guessing address stays blocked, even with the right password");
        }
        try (SmtpConversation smtp = SmtpConversation.openFrom(HOME, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO home");
            assertEquals(235, smtp.authPlain(victim, "the real password").code(),
                    "the user is not locked out from another address");
        }
    }
}
