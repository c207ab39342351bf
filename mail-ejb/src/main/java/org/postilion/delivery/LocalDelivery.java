package org.postilion.delivery;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Resolution;
import org.postilion.mailbox.MailboxStore;
import org.postilion.mailbox.MessageSummary;
import org.postilion.queue.QueuedMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Delivers one queued message to its local recipients: resolves each recipient, reads the header once, and
 * stores the message once for all of them, with a {@code Return-Path:} (RFC 5321 section 4.4) in front.
 */
@Stateless
public class LocalDelivery {

    @Inject
    private DirectoryService directory;

    @Inject
    private MailboxStore store;

    /**
     * Stores the message for its local recipients, in this method's transaction.
     *
     * @return what became of each recipient; meaningful once the transaction committed (when this returns)
     */
    public DeliveryReport deliver(QueuedMessage message) {
        if (store.isDelivered(message.queueId())) {
            return DeliveryReport.alreadyDelivered(message.queueId());
        }
        Set<Long> accounts = new LinkedHashSet<>();
        List<DeliveryReport.Outcome> outcomes = new ArrayList<>();
        for (String recipient : message.recipients()) {
            int at = recipient.lastIndexOf('@');
            Resolution r = directory.resolve(recipient.substring(0, at), recipient.substring(at + 1));
            String status = switch (r.kind()) {
                case LOCAL -> {
                    accounts.add(r.accountId());
                    yield "relay=local, status=sent (INBOX)";
                }
                // XXX: needs DSN bounces (the SMTP issue); the recipient existed at RCPT time and was removed since
                case UNKNOWN_USER -> "status=bounced (user unknown since RCPT; no bounce sent yet)";
                // XXX: needs remote delivery (mail.outbound); RCPT refuses such recipients until then
                case NOT_HOSTED -> "status=undeliverable (domain no longer hosted; relaying not available)";
            };
            outcomes.add(new DeliveryReport.Outcome(recipient, status));
        }
        if (!accounts.isEmpty()) {
            byte[] content = withReturnPath(message);
            MessageSummary summary = MessageSummary.read(new ByteArrayInputStream(content));
            store.deliver(message.queueId(), content, summary, message.receivedAt(), accounts);
        }
        return new DeliveryReport(message.queueId(), outcomes, false);
    }

    private static byte[] withReturnPath(QueuedMessage message) {
        byte[] header = ("Return-Path: <" + message.sender() + ">\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[header.length + message.content().length];
        System.arraycopy(header, 0, content, 0, header.length);
        System.arraycopy(message.content(), 0, content, header.length, message.content().length);
        return content;
    }
}
