package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.sasl.SaslCredentials;
import org.postilion.connector.sasl.SaslMechanism;
import org.postilion.connector.sasl.SaslMechanisms;
import org.postilion.connector.sasl.SaslStep;
import org.postilion.connector.spi.AuthVerdict;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * AUTHENTICATE (RFC 9051 section 6.2.2) with the SASL mechanisms of {@link SaslMechanisms} (SCRAM-SHA-256 and
 * PLAIN advertised), initial response included (SASL-IR, RFC 4959; {@code =} for an empty one). Challenges go
 * out as {@code + <base64>}; the client's next line is the answer, {@code *} cancels.
 *
 * <p>SECURITY: PLAIN (and LOGIN) only where passwords may be sent ({@link ImapSession#plaintextAuthAllowed});
 * failures are throttled like LOGIN's ({@link Login}).
 */
final class AuthenticateCommand implements ImapCommand {

    @Override
    public String name() {
        return "AUTHENTICATE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.NOT_AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 2);
        String mechanismName = Args.atom(request.args().get(0), "a SASL mechanism");
        Exchange exchange = new Exchange(session);
        Optional<SaslMechanism> mechanism = SaslMechanisms.create(mechanismName, exchange);
        if (mechanism.isEmpty()) {
            return CompletableFuture.completedFuture(Tagged.no("CANNOT", "Unsupported authentication mechanism"));
        }
        String upper = mechanismName.toUpperCase(Locale.ROOT);
        if ((upper.equals("PLAIN") || upper.equals("LOGIN")) && !session.plaintextAuthAllowed()) {
            return CompletableFuture.completedFuture(Login.PRIVACY_REQUIRED);
        }
        if (session.throttle().isAddressBlocked(session.clientAddress())) {
            return Login.delayed(session, Login.THROTTLED);
        }
        byte[] initial = null;
        if (request.args().size() == 2) {
            initial = decode(Args.atom(request.args().get(1), "an initial response"));
            if (initial == null) {
                return CompletableFuture.completedFuture(Tagged.bad("Invalid base64 in the initial response"));
            }
        }
        exchange.mechanism = mechanism.get();
        exchange.respond(initial);
        return exchange.result;
    }

    private static byte[] decode(String s) {
        if (s.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(s.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One exchange: drives the mechanism and is its credential source, so it knows the user named. */
    private static final class Exchange implements SaslCredentials {
        private final ImapSession session;
        private final CompletableFuture<Tagged> result = new CompletableFuture<>();
        private SaslMechanism mechanism;
        private String user;

        Exchange(ImapSession session) {
            this.session = session;
        }

        void respond(byte[] response) {
            Login.onLoop(session, mechanism.respond(response)).whenComplete((step, e) -> {
                if (e != null) {
                    finish(Login.failed(session, user, Login.TEMPORARY, false, e.toString()));
                } else {
                    after(step);
                }
            });
        }

        private void after(SaslStep step) {
            if (step instanceof SaslStep.Challenge challenge) {
                session.readLine(this::nextLine);
                session.continuation(Base64.getEncoder().encodeToString(challenge.data()));
                return;
            }
            if (step instanceof SaslStep.Success success) {
                finish(Login.succeeded(session, success.user(), mechanism.name()));
                return;
            }
            SaslStep.Failure failure = (SaslStep.Failure) step;
            finish(switch (failure.reason()) {
                case CREDENTIALS -> Login.failed(session, user, Login.FAILED, true, failure.detail());
                case TEMPORARY -> Login.failed(session, user, Login.TEMPORARY, false, failure.detail());
                case UNSUPPORTED -> Login.failed(session, user, Tagged.no("CANNOT", "Not supported"), false,
                        failure.detail());
                case MALFORMED -> Login.failed(session, user, Tagged.bad("Malformed authentication exchange"),
                        true, failure.detail());
            });
        }

        private void nextLine(String line) {
            if (line.equals("*")) {
                result.complete(Tagged.bad("Authentication cancelled"));
                return;
            }
            byte[] response = line.isEmpty() ? new byte[0] : decode(line);
            if (response == null || line.equals("=")) {
                result.complete(Tagged.bad("Invalid base64 in the response"));
                return;
            }
            respond(response);
        }

        private void finish(CompletionStage<Tagged> answer) {
            answer.whenComplete((t, e) -> {
                if (e != null) {
                    result.complete(ImapSession.failure(e));
                } else {
                    result.complete(t);
                }
            });
        }

        @Override
        public CompletionStage<AuthVerdict> verifyPassword(String name, String password) {
            user = name;
            if (session.throttle().isUserBlocked(name)) {
                return CompletableFuture.completedFuture(new AuthVerdict.TryLater("user temporarily blocked"));
            }
            return session.backend().verifyPassword(name, password, session.info());
        }

        @Override
        public CompletionStage<AuthVerdict> scramCredentials(String name) {
            user = name;
            if (session.throttle().isUserBlocked(name)) {
                return CompletableFuture.completedFuture(new AuthVerdict.TryLater("user temporarily blocked"));
            }
            return session.backend().scramCredentials(name, session.info());
        }
    }
}
