package org.postilion.mailbox;

import org.postilion.directory.Account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Stores messages into mailboxes and lists them. */
public interface MailboxStore {

    /** Creates the mailboxes every account starts with (INBOX). */
    void createDefaultMailboxes(Account account);

    /** Whether the delivery of this queue id has already been stored (a redelivered queue message). */
    boolean isDelivered(String queueId);

    /**
     * Stores a message once and appends it to the INBOX of each account, each with the next UID of that
     * mailbox. All or nothing, in the caller's transaction.
     *
     * @param queueId      the queue id, recorded so that the same delivery is never stored twice
     * @param content      the message as it is to be stored
     * @param internalDate the IMAP internal date
     * @param accountIds   the recipients' accounts, each once
     */
    void deliver(String queueId, byte[] content, MessageSummary summary, Instant internalDate,
                 Collection<Long> accountIds);

    /** The messages of an account's mailbox, by UID. */
    List<MessageListing> list(long accountId, String mailboxName) throws NoSuchMailboxException;

    List<Mailbox> mailboxes(long accountId);

    /** How many octets each account's messages take, by account id; accounts without messages may be missing. */
    Map<Long, Long> usage(Collection<Long> accountIds);

    /** The bytes of one message as stored (with its {@code Return-Path:}), or empty when there is no such UID. */
    java.util.Optional<byte[]> content(long accountId, String mailboxName, long uid) throws NoSuchMailboxException;

    /** Removes all mailboxes and messages of an account, and content no other message shares. */
    void deleteAll(long accountId);
}
