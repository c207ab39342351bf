package org.postilion.connector.ra;

import org.postilion.connector.imap.ImapBackend;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.AuthenticationListener;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.connector.spi.imap.ImapStoreListener;
import org.postilion.connector.spi.imap.MailboxException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The IMAP backend in WildFly: each store call goes to the message-driven bean implementing
 * {@link ImapStoreListener}, each password check to the {@link AuthenticationListener}, on a work-manager
 * thread, never on an event loop. A store's {@link MailboxException} is passed on (an expected refusal, answered
 * {@code NO [code]}); any other failure (no endpoint, a bean's exception, no free thread) fails the stage,
 * which the session answers with {@code NO [UNAVAILABLE]}; authentication failures become
 * {@link AuthVerdict.TryLater}.
 */
final class EndpointImapBackend implements ImapBackend {

    private static final Logger LOG = Logger.getLogger(EndpointImapBackend.class.getName());

    private final EndpointRegistry endpoints;
    private final Executor executor;

    EndpointImapBackend(EndpointRegistry endpoints, Executor executor) {
        this.endpoints = endpoints;
        this.executor = executor;
    }

    @Override
    public boolean isAvailable() {
        return endpoints.isActive(ImapStoreListener.class) && endpoints.isActive(AuthenticationListener.class);
    }

    @Override
    public CompletionStage<AuthVerdict> verifyPassword(String user, String password, SessionInfo session) {
        return auth(() -> endpoints.call(AuthenticationListener.class, l -> l.verifyPassword(user, password, session)),
                "password check");
    }

    @Override
    public CompletionStage<AuthVerdict> scramCredentials(String user, SessionInfo session) {
        return auth(() -> endpoints.call(AuthenticationListener.class, l -> l.scramCredentials(user, session)),
                "credential lookup");
    }

    private CompletionStage<AuthVerdict> auth(Supplier<AuthVerdict> call, String what) {
        return run(call, e -> new AuthVerdict.TryLater(e.toString()), what);
    }

    @Override
    public <T> CompletionStage<T> store(StoreCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(endpoints.call(ImapStoreListener.class, l -> {
                        try {
                            return call.apply(l);
                        } catch (MailboxException e) {
                            throw new Refusal(e);
                        }
                    }));
                } catch (Refusal r) {
                    result.completeExceptionally(r.refusal);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "IMAP store call failed", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "IMAP store call not started: " + e.getMessage());
            result.completeExceptionally(e);
        }
        return result;
    }

    private <T> CompletionStage<T> run(Supplier<T> call, Function<Throwable, T> onFailure, String what) {
        return WorkerCalls.call(executor, call, onFailure, what);
    }

    /** Carries a store's checked refusal through {@link EndpointRegistry#call}'s function. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient MailboxException refusal;

        Refusal(MailboxException refusal) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }
}
