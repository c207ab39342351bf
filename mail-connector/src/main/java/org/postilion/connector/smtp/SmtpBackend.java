package org.postilion.connector.smtp;

import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.Envelope;
import org.postilion.connector.spi.IntakeVerdict;
import org.postilion.connector.spi.MessageContent;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;
import org.postilion.connector.spi.SenderCheck;
import org.postilion.connector.spi.SenderVerdict;
import org.postilion.connector.spi.SessionInfo;

import java.util.concurrent.CompletionStage;

/**
 * What the SMTP session asks of the rest of the server. In WildFly the answers come from message-driven beans
 * through the resource adapter's endpoints; in tests, from fakes. Answers may complete on any thread; a
 * failed stage is taken as a temporary failure.
 */
public interface SmtpBackend {

    /** Whether the backend can answer now (its endpoints are active); if not, clients get 421. */
    boolean isAvailable();

    CompletionStage<SenderVerdict> checkSender(SenderCheck check);

    CompletionStage<RcptVerdict> checkRecipient(RecipientCheck check);

    /** Makes the message durable; the content must stay readable until the stage completes. */
    CompletionStage<IntakeVerdict> accept(Envelope envelope, MessageContent content);

    /** For AUTH PLAIN and LOGIN. */
    CompletionStage<AuthVerdict> verifyPassword(String user, String password, SessionInfo session);

    /** For AUTH SCRAM-SHA-256. */
    CompletionStage<AuthVerdict> scramCredentials(String user, SessionInfo session);
}
