package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.response.Tagged;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What LOGIN and AUTHENTICATE share: the end of a successful login (the store prepares the user's mailboxes,
 * {@code ImapStoreListener.open}, then the state changes) and the handling of failures, throttled exactly as
 * SMTP AUTH is: counted per address and per user in the node's {@link org.postilion.connector.spi.AuthThrottle},
 * answered after a delay, and a session with too many failures is closed.
 */
final class Login {

    private static final Logger LOG = Logger.getLogger(Login.class.getName());

    static final Tagged PRIVACY_REQUIRED = Tagged.no("PRIVACYREQUIRED", "Use TLS (STARTTLS or port 993) to log in");
    static final Tagged FAILED = Tagged.no("AUTHENTICATIONFAILED", "Authentication failed");
    static final Tagged THROTTLED = Tagged.no("UNAVAILABLE", "Too many failed logins, try again later");
    static final Tagged TEMPORARY = Tagged.no("UNAVAILABLE", "Authentication is not available now, try again later");

    private Login() {
    }

    /** Hands a stage's outcome to the session's event loop. */
    static <T> CompletionStage<T> onLoop(ImapSession session, CompletionStage<T> stage) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((v, e) -> session.executor().execute(() -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(v);
            }
        }));
        return result;
    }

    /** The user authenticated: let the store prepare, then enter AUTHENTICATED. */
    static CompletionStage<Tagged> succeeded(ImapSession session, String user, String mechanism) {
        return session.store(s -> {
            s.open(user);
            return null;
        }).thenApply(x -> {
            session.loggedIn(user);
            LOG.info(() -> "IMAP login: client=" + session.clientAddress() + ", method=" + mechanism + ", user=" + user);
            return Tagged.ok("CAPABILITY " + session.capabilities(), "Logged in");
        });
    }

    /** A failed login: counted, delayed, and the last one closes the session. */
    static CompletionStage<Tagged> failed(ImapSession session, String user, Tagged answer, boolean count,
                                          String detail) {
        if (count) {
            session.throttle().failed(session.clientAddress(), user);
        }
        LOG.warning(() -> "IMAP login failed: client=" + session.clientAddress()
                + (user == null ? "" : ", user=" + user) + ": " + detail);
        if (session.countAuthFailure()) {
            session.requestClose();
        }
        return delayed(session, answer);
    }

    static CompletionStage<Tagged> delayed(ImapSession session, Tagged answer) {
        long delay = session.settings().authFailureDelay().toMillis();
        if (delay == 0) {
            return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<Tagged> later = new CompletableFuture<>();
        session.executor().schedule(() -> later.complete(answer), delay, TimeUnit.MILLISECONDS);
        return later;
    }
}
