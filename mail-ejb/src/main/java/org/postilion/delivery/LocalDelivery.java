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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers one queued message: resolves each recipient (accounts, aliases, catch-alls), reads the header once,
 * and stores the message once for all local accounts, with a {@code Return-Path:} (RFC 5321 section 4.4) in
 * front. The store records the queue id (unique): storing a message twice fails, which is how a redelivery is
 * recognized without a query for every message. Recipients that lead elsewhere (alias targets in other domains, authenticated relaying) are reported
 * so that the caller puts them on {@code mail.outbound}.
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
     * @return what became of each recipient, and the remote addresses to queue; meaningful once the transaction
     *         committed (when this returns)
     */
    public DeliveryReport deliver(QueuedMessage message) {
        return resolveAndStore(message, true);
    }

    /**
     * Stores several messages in this method's one transaction (a delivery group): all or nothing.
     *
     * @return one report per message, in order
     */
    public List<DeliveryReport> deliverAll(List<QueuedMessage> messages) {
        List<DeliveryReport> reports = new ArrayList<>(messages.size());
        for (QueuedMessage m : messages) {
            reports.add(resolveAndStore(m, true));
        }
        return reports;
    }

    /**
     * For a queue message whose delivery failed: if it had been stored already (a redelivery after a crash between
     * the store's commit and the acknowledgement, caught by the unique queue id), what its delivery was, without
     * storing anything again; empty when it had not been stored (the failure was something else).
     */
    public Optional<DeliveryReport> reportIfDelivered(QueuedMessage message) {
        if (!store.isDelivered(message.queueId())) {
            return Optional.empty();
        }
        return Optional.of(resolveAndStore(message, false));
    }

    private DeliveryReport resolveAndStore(QueuedMessage message, boolean storeIt) {
        boolean redelivery = !storeIt;
        Set<Long> accounts = new LinkedHashSet<>();
        Map<String, QueuedMessage.Recipient> remote = new LinkedHashMap<>();
        List<DeliveryReport.Outcome> outcomes = new ArrayList<>();
        for (QueuedMessage.Recipient recipient : message.recipients()) {
            String address = recipient.address();
            int at = address.lastIndexOf('@');
            Resolution r = directory.resolve(address.substring(0, at), address.substring(at + 1));
            String status = switch (r.kind()) {
                case DELIVERABLE -> {
                    accounts.addAll(r.accounts());
                    for (String target : r.remote()) {
                        remote.putIfAbsent(target, new QueuedMessage.Recipient(target, recipient.dsnNotify(),
                                recipient.orcpt().isEmpty() ? "rfc822;" + address : recipient.orcpt()));
                    }
                    yield (r.accounts().isEmpty() ? "" : "relay=local, ")
                            + (r.remote().isEmpty() ? "" : "forwarded to " + r.remote() + ", ")
                            + "status=" + (r.accounts().isEmpty() ? "queued (outbound)" : "sent (INBOX)");
                }
                // XXX: a bounce (DeliveryStatusNotice, as outbound does): the recipient existed at RCPT time and was removed since
                case UNKNOWN_USER -> "status=bounced (user unknown since RCPT; no bounce sent yet)";
                case DISABLED -> "status=bounced (mailbox disabled since RCPT; no bounce sent yet)";
                case NOT_HOSTED -> {
                    remote.putIfAbsent(address, recipient);
                    yield "status=queued (outbound)";
                }
            };
            outcomes.add(new DeliveryReport.Outcome(address, status));
        }
        if (!accounts.isEmpty() && storeIt) {
            byte[] content = withReturnPath(message);
            MessageSummary summary = MessageSummary.read(new ByteArrayInputStream(content));
            store.deliver(message.queueId(), content, summary, message.receivedAt(), accounts);
        }
        return new DeliveryReport(message.queueId(), outcomes, redelivery,
                remote.isEmpty() ? null : message.withRecipients(List.copyOf(remote.values())));
    }

    private static byte[] withReturnPath(QueuedMessage message) {
        byte[] header = ("Return-Path: <" + message.sender() + ">\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[header.length + message.content().length];
        System.arraycopy(header, 0, content, 0, header.length);
        System.arraycopy(message.content(), 0, content, header.length, message.content().length);
        return content;
    }
}
