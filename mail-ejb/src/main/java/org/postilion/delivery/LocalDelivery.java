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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Delivers one queued message to its local recipients: resolves each recipient, reads the header once, and
 * stores the message once for all of them, with a {@code Return-Path:} (RFC 5321 section 4.4) in front.
 */
@Stateless
public class LocalDelivery {

    private static final Logger LOG = Logger.getLogger(LocalDelivery.class.getName());

    @Inject
    private DirectoryService directory;

    @Inject
    private MailboxStore store;

    public void deliver(QueuedMessage message) {
        if (store.isDelivered(message.queueId())) {
            LOG.info(() -> message.queueId() + ": already delivered, redelivery ignored");
            return;
        }
        Set<Long> accounts = new LinkedHashSet<>();
        for (String recipient : message.recipients()) {
            int at = recipient.lastIndexOf('@');
            Resolution r = directory.resolve(recipient.substring(0, at), recipient.substring(at + 1));
            switch (r.kind()) {
                case LOCAL -> {
                    accounts.add(r.accountId());
                    LOG.info(() -> message.queueId() + ": to=<" + recipient + ">, relay=local, status=sent (INBOX)");
                }
                // XXX: needs DSN bounces (the SMTP issue); the recipient existed at RCPT time and was removed since
                case UNKNOWN_USER -> LOG.warning(() -> message.queueId() + ": to=<" + recipient
                        + ">, status=bounced (user unknown since RCPT; no bounce sent yet)");
                // XXX: needs remote delivery (mail.outbound); RCPT refuses such recipients until then
                case NOT_HOSTED -> LOG.warning(() -> message.queueId() + ": to=<" + recipient
                        + ">, status=undeliverable (domain no longer hosted; relaying not available)");
            }
        }
        if (accounts.isEmpty()) {
            return;
        }
        byte[] content = withReturnPath(message);
        MessageSummary summary = MessageSummary.read(new ByteArrayInputStream(content));
        store.deliver(message.queueId(), content, summary, message.receivedAt(), accounts);
    }

    private static byte[] withReturnPath(QueuedMessage message) {
        byte[] header = ("Return-Path: <" + message.sender() + ">\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[header.length + message.content().length];
        System.arraycopy(header, 0, content, 0, header.length);
        System.arraycopy(message.content(), 0, content, header.length, message.content().length);
        return content;
    }
}
