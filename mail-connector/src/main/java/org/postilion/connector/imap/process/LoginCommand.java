package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.SaslPrep;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * LOGIN (RFC 9051 section 6.2.3).
 *
 * <p>SECURITY: refused before TLS ({@code LOGINDISABLED}) unless the client is on loopback and that is allowed;
 * user name and password are SASLprepped like PLAIN's, so one password works with both; failures are throttled
 * ({@link Login}). A wrong password and an unknown user get the same answer.
 *
 * <p>LIMITS: user names of 255 characters, passwords of 1024.
 */
final class LoginCommand implements ImapCommand {

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.NOT_AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 2, 2);
        String rawUser = Args.astring(request.args().get(0));
        String rawPassword = Args.astring(request.args().get(1));
        if (!session.plaintextAuthAllowed()) {
            return CompletableFuture.completedFuture(Login.PRIVACY_REQUIRED);
        }
        if (session.throttle().isAddressBlocked(session.clientAddress())) {
            return Login.delayed(session, Login.THROTTLED);
        }
        Optional<String> user = rawUser.length() > 255 ? Optional.empty() : SaslPrep.prepare(rawUser);
        Optional<String> password = rawPassword.length() > 1024 ? Optional.empty() : SaslPrep.prepare(rawPassword);
        if (user.isEmpty() || password.isEmpty() || user.get().isEmpty() || password.get().isEmpty()) {
            return Login.failed(session, null, Login.FAILED, true, "malformed user name or password");
        }
        String name = user.get();
        if (session.throttle().isUserBlocked(name)) {
            return Login.delayed(session, Login.THROTTLED);
        }
        CompletionStage<AuthVerdict> verdict;
        try {
            verdict = session.backend().verifyPassword(name, password.get(), session.info());
        } catch (RuntimeException e) {
            return Login.failed(session, name, Login.TEMPORARY, false, e.toString());
        }
        return Login.onLoop(session, verdict).handle((v, e) -> {
            if (v instanceof AuthVerdict.Authenticated a && a.user() != null && !a.user().isBlank()) {
                return Login.succeeded(session, a.user(), "LOGIN");
            }
            if (v instanceof AuthVerdict.Denied) {
                return Login.failed(session, name, Login.FAILED, true, "wrong user name or password");
            }
            return Login.failed(session, name, Login.TEMPORARY, false,
                    "directory unavailable: " + (e != null ? e : v));
        }).thenCompose(s -> s);
    }
}
