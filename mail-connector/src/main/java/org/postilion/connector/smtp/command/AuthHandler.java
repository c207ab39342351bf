package org.postilion.connector.smtp.command;

import org.postilion.connector.sasl.SaslCredentials;
import org.postilion.connector.sasl.SaslMechanism;
import org.postilion.connector.sasl.SaslMechanisms;
import org.postilion.connector.sasl.SaslStep;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.spi.AuthVerdict;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * AUTH (RFC 4954) with the SASL mechanisms of {@link SaslMechanisms}, initial response included (SASL-IR).
 * Challenges go out as {@code 334 <base64>}; the client's next line is the answer, {@code *} cancels.
 *
 * <p>SECURITY: offered only where the listener allows it, and before TLS only to loopback clients (else
 * {@code 538 5.7.11}). Every failure is answered after a delay, counted per client address and per user name
 * in the node's {@link org.postilion.connector.spi.AuthThrottle}, and past its limits further attempts get
 * {@code 454 4.7.0} without a password check; a session with three failures is closed. A wrong password and an
 * unknown user get the same answer.
 */
final class AuthHandler implements SmtpCommandHandler {

    private static final Logger LOG = Logger.getLogger(AuthHandler.class.getName());

    @Override
    public String verb() {
        return "AUTH";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (!session.authOffered()) {
            return SmtpSession.reply(SmtpReplies.AUTH_NOT_ENABLED);
        }
        if (session.heloName() == null || !session.isExtended()) {
            return SmtpSession.reply(SmtpReplies.NEED_HELO);
        }
        if (session.isAuthenticated()) {
            return SmtpSession.reply(SmtpReplies.ALREADY_AUTHENTICATED);
        }
        if (session.transaction() != null) {
            return SmtpSession.reply(SmtpReplies.AUTH_IN_TRANSACTION);
        }
        String[] parts = argument.strip().split(" ", -1);
        if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty()) {
            return SmtpSession.reply(SmtpReplies.AUTH_SYNTAX);
        }
        if (!session.authAllowedNow()) {
            return SmtpSession.reply(SmtpReplies.AUTH_NEEDS_TLS);
        }
        if (session.throttle().isAddressBlocked(session.clientAddress())) {
            LOG.warning(() -> "AUTH refused for " + session.clientAddress() + ": too many failures from that address");
            return session.delayed(SmtpReplies.AUTH_THROTTLED, session.settings().authFailureDelay());
        }
        Exchange exchange = new Exchange(session);
        Optional<SaslMechanism> mechanism = SaslMechanisms.create(parts[0], exchange);
        if (mechanism.isEmpty()) {
            return SmtpSession.reply(SmtpReplies.AUTH_MECHANISM_UNKNOWN);
        }
        exchange.mechanism = mechanism.get();
        byte[] initial = null;
        if (parts.length == 2) {
            initial = decode(parts[1]);
            if (initial == null) {
                return SmtpSession.reply(SmtpReplies.AUTH_BAD_BASE64);
            }
        }
        return exchange.respond(initial);
    }

    /** The client's response: base64, {@code =} for an empty one (RFC 4954 section 4); null if not base64. */
    private static byte[] decode(String s) {
        if (s.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One AUTH exchange: drives the mechanism and is its credential source, so it knows the user named. */
    private static final class Exchange implements SaslCredentials {
        private final SmtpSession session;
        private SaslMechanism mechanism;
        private String user;

        Exchange(SmtpSession session) {
            this.session = session;
        }

        CompletionStage<SmtpReply> respond(byte[] response) {
            return session.resumeWith(mechanism.respond(response), this::after);
        }

        private CompletionStage<SmtpReply> after(SaslStep step) {
            if (step instanceof SaslStep.Challenge challenge) {
                session.continueWith(this::nextLine);
                return SmtpSession.reply(SmtpReply.plain(334, Base64.getEncoder().encodeToString(challenge.data())));
            }
            if (step instanceof SaslStep.Success success) {
                session.authenticated(success.user());
                LOG.info(() -> "client=" + session.clientAddress() + ", sasl_method=" + mechanism.name()
                        + ", sasl_username=" + success.user());
                return SmtpSession.reply(SmtpReplies.AUTH_SUCCEEDED);
            }
            SaslStep.Failure failure = (SaslStep.Failure) step;
            SmtpReply reply = switch (failure.reason()) {
                case MALFORMED -> SmtpReplies.AUTH_MALFORMED;
                case CREDENTIALS -> SmtpReplies.AUTH_FAILED;
                case TEMPORARY -> SmtpReplies.AUTH_TEMPORARY_FAILURE;
                case UNSUPPORTED -> SmtpReplies.AUTH_MECHANISM_UNKNOWN;
            };
            if (failure.reason() == SaslStep.Failure.Reason.CREDENTIALS) {
                session.throttle().failed(session.clientAddress(), user);
            }
            LOG.warning(() -> "client=" + session.clientAddress() + ", sasl_method=" + mechanism.name()
                    + (user == null ? "" : ", sasl_username=" + user) + ": authentication failed: " + failure.detail());
            if (session.countAuthFailure()) {
                session.requestClose();
                return session.delayed(SmtpReplies.TOO_MANY_AUTH_FAILURES, session.settings().authFailureDelay());
            }
            return session.delayed(reply, session.settings().authFailureDelay());
        }

        private CompletionStage<SmtpReply> nextLine(String line) {
            if (line.equals("*")) {
                return SmtpSession.reply(SmtpReplies.AUTH_ABORTED);
            }
            byte[] response = line.isEmpty() ? new byte[0] : decode(line);
            if (response == null) {
                return SmtpSession.reply(SmtpReplies.AUTH_BAD_BASE64);
            }
            return respond(response);
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

        @Override
        public String toString() {
            return "AUTH exchange of " + session.clientAddress();
        }
    }
}
