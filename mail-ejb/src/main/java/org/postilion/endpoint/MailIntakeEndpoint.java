package org.postilion.endpoint;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.postilion.connector.spi.Envelope;
import org.postilion.connector.spi.EnvelopeRecipient;
import org.postilion.connector.spi.IntakeVerdict;
import org.postilion.connector.spi.MailAddress;
import org.postilion.connector.spi.MailIntakeListener;
import org.postilion.connector.spi.MessageContent;
import org.postilion.policy.SubmissionHeaders;
import org.postilion.operations.MailMetrics;
import org.postilion.queue.InboundQueue;
import org.postilion.queue.QueuedMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * Takes each message at the end of its data and puts it on {@code mail.inbound}. The send is durable when it
 * returns (see {@link InboundQueue}), before this method returns to the connector: so the connector's
 * {@code 250} follows the sync of Artemis's journal. A failed send reaches the connector as an exception, which
 * it answers with {@code 451}. Messages from submission listeners first go through {@link SubmissionHeaders}.
 * No transaction is needed: the send is the only thing made durable.
 */
@MessageDriven(messageListenerInterface = MailIntakeListener.class)
@ResourceAdapter(ConnectorNames.RESOURCE_ADAPTER)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailIntakeEndpoint implements MailIntakeListener {

    @Inject
    private MailMetrics metrics;

    @Inject
    private InboundQueue inbound;

    @Inject
    private SubmissionHeaders submission;

    @Override
    public IntakeVerdict accept(Envelope envelope, MessageContent content) {
        byte[] bytes;
        try (InputStream in = content.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (envelope.session().submission() && envelope.session().isAuthenticated()) {
            SubmissionHeaders.Result checked = submission.apply(bytes, envelope.session(), envelope.queueId());
            if (checked.refusal() != null) {
                return checked.refusal();
            }
            bytes = checked.content();
        }
        inbound.enqueue(new QueuedMessage(envelope.queueId(), envelope.receivedAt(),
                envelope.reversePath() == null ? "" : raw(envelope.reversePath()),
                envelope.recipients().stream().map(MailIntakeEndpoint::recipient).toList(),
                envelope.session().clientAddress(), envelope.session().heloName(),
                envelope.session().authenticatedUser(),
                envelope.dsnReturn() == null ? null : envelope.dsnReturn().name(), envelope.envelopeId(), bytes));
        metrics.accepted(envelope.session().listener());
        return IntakeVerdict.QUEUED;
    }

    private static QueuedMessage.Recipient recipient(EnvelopeRecipient r) {
        return new QueuedMessage.Recipient(raw(r.address()),
                r.dsnNotify().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                r.orcpt() == null ? "" : r.orcpt());
    }

    /** {@code local-part@domain} with the local part unquoted, as the delivery agent resolves it. */
    private static String raw(MailAddress a) {
        return a.localPart() + "@" + a.domain();
    }
}
