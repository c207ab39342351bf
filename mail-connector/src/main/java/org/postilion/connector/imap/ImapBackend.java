package org.postilion.connector.imap;

import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.connector.spi.imap.ImapStoreListener;
import org.postilion.connector.spi.imap.MailboxException;

import java.util.concurrent.CompletionStage;

/**
 * What the IMAP sessions ask of the rest of the server. In WildFly the answers come from message-driven beans
 * on work-manager threads (never on an event loop); in tests, from fakes. Stages may complete on any thread.
 *
 * <p>A store call's stage completes exceptionally with the {@link MailboxException} the store threw (an
 * expected refusal, answered {@code NO [code]}) or with any other exception when the store failed (answered
 * {@code NO [UNAVAILABLE]}).
 */
public interface ImapBackend {

    /** Whether the backend can answer now; if not, clients get {@code * BYE [UNAVAILABLE]}. */
    boolean isAvailable();

    CompletionStage<AuthVerdict> verifyPassword(String user, String password, SessionInfo session);

    CompletionStage<AuthVerdict> scramCredentials(String user, SessionInfo session);

    /** Runs one call of the store. */
    <T> CompletionStage<T> store(StoreCall<T> call);

    /** One call of {@link ImapStoreListener}. */
    @FunctionalInterface
    interface StoreCall<T> {
        T apply(ImapStoreListener store) throws MailboxException;
    }
}
