package org.postilion.connector.ra;

import org.postilion.connector.smtp.SmtpBackend;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.AuthenticationListener;
import org.postilion.connector.spi.Envelope;
import org.postilion.connector.spi.IntakeVerdict;
import org.postilion.connector.spi.MailIntakeListener;
import org.postilion.connector.spi.MessageContent;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;
import org.postilion.connector.spi.SenderCheck;
import org.postilion.connector.spi.SenderVerdict;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.connector.spi.SmtpPolicyListener;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The SMTP backend in WildFly: each question goes to the message-driven bean implementing the matching
 * listener, on a work-manager thread. Failures (no endpoint, a bean's exception, no free thread) become
 * temporary answers, so that a client is never refused for good because of an outage.
 */
final class EndpointSmtpBackend implements SmtpBackend {

    private final EndpointRegistry endpoints;
    private final Executor executor;

    EndpointSmtpBackend(EndpointRegistry endpoints, Executor executor) {
        this.endpoints = endpoints;
        this.executor = executor;
    }

    @Override
    public boolean isAvailable() {
        return endpoints.isActive(SmtpPolicyListener.class) && endpoints.isActive(MailIntakeListener.class)
                && endpoints.isActive(AuthenticationListener.class);
    }

    @Override
    public CompletionStage<SenderVerdict> checkSender(SenderCheck check) {
        return call(() -> endpoints.call(SmtpPolicyListener.class, l -> l.checkSender(check)),
                e -> new SenderVerdict.TryLater(e.toString()), "sender check for <" + check.sender() + ">");
    }

    @Override
    public CompletionStage<RcptVerdict> checkRecipient(RecipientCheck check) {
        return call(() -> endpoints.call(SmtpPolicyListener.class, l -> l.checkRecipient(check)),
                e -> new RcptVerdict.TryLater(e.toString()), "recipient check for <" + check.recipient() + ">");
    }

    @Override
    public CompletionStage<IntakeVerdict> accept(Envelope envelope, MessageContent content) {
        return call(() -> endpoints.call(MailIntakeListener.class, l -> l.accept(envelope, content)),
                e -> new IntakeVerdict.TryLater(e.toString()), envelope.queueId() + ": intake");
    }

    @Override
    public CompletionStage<AuthVerdict> verifyPassword(String user, String password, SessionInfo session) {
        return call(() -> endpoints.call(AuthenticationListener.class, l -> l.verifyPassword(user, password, session)),
                e -> new AuthVerdict.TryLater(e.toString()), "password check");
    }

    @Override
    public CompletionStage<AuthVerdict> scramCredentials(String user, SessionInfo session) {
        return call(() -> endpoints.call(AuthenticationListener.class, l -> l.scramCredentials(user, session)),
                e -> new AuthVerdict.TryLater(e.toString()), "credential lookup");
    }

    private <T> CompletionStage<T> call(Supplier<T> call, Function<Throwable, T> onFailure, String what) {
        return WorkerCalls.call(executor, call, onFailure, what);
    }
}
