package org.postilion.mailbox.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.postilion.directory.Account;
import org.postilion.connector.spi.imap.SystemFlags;
import org.postilion.mailbox.Mailbox;
import org.postilion.mailbox.MailboxAppends;
import org.postilion.mailbox.MailboxMessage;
import org.postilion.mailbox.MailboxStore;
import org.postilion.mailbox.MessageBlob;
import org.postilion.mailbox.MessageListing;
import org.postilion.mailbox.MessageSummary;
import org.postilion.mailbox.NoSuchMailboxException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The mail store on JPA/Hibernate. */
@Stateless
public class JpaMailboxStore implements MailboxStore {

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    @Inject
    private ContentStore contents;

    @Inject
    private MailboxChangeNotifier notifier;

    @Override
    public void createDefaultMailboxes(Account account) {
        em.persist(new Mailbox(account, Mailbox.INBOX, Instant.now().getEpochSecond()));
    }

    @Override
    public boolean isDelivered(String queueId) {
        return !em.createNamedQuery(MessageBlob.BY_QUEUE_ID, MessageBlob.class)
                .setParameter("queueId", queueId)
                .getResultList().isEmpty();
    }

    @Override
    public void deliver(String queueId, byte[] content, MessageSummary summary, Instant internalDate,
                        Collection<Long> accountIds) {
        MessageBlob blob = contents.store(queueId, content, summary);
        // lock the INBOX rows one by one in account order, so that two deliveries to the same set of mailboxes
        // cannot deadlock; one query shape for every count of recipients keeps its translation cached
        for (Long accountId : new TreeSet<>(accountIds)) {
            Mailbox inbox = em.createNamedQuery(Mailbox.INBOX_OF_ACCOUNT, Mailbox.class)
                    .setParameter("accountId", accountId)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultStream().findFirst()
                    // an account without an INBOX is a broken store: fail, so that the broker retries and finally
                    // dead-letters the message, rather than deliver to some recipients and silently not to others
                    .orElseThrow(() -> new IllegalStateException("account " + accountId + " has no INBOX"));
            em.persist(MailboxAppends.append(inbox, blob, internalDate, 0));
            notifier.changed(inbox.getId());
        }
    }

    @Override
    public List<MessageListing> list(long accountId, String mailboxName) throws NoSuchMailboxException {
        Mailbox mailbox = mailbox(accountId, mailboxName);
        List<MessageListing> listing = new ArrayList<>();
        for (MailboxMessage m : em.createNamedQuery(MailboxMessage.IN_MAILBOX, MailboxMessage.class)
                .setParameter("mailboxId", mailbox.getId())
                .getResultList()) {
            MessageBlob b = m.getBlob();
            listing.add(new MessageListing(m.getUid(), b.getHeaderFrom(), b.getSubject(), m.getSize(),
                    m.getInternalDate(), b.getSentDate(), SystemFlags.names(m.getFlags())));
        }
        return listing;
    }

    @Override
    public Optional<byte[]> content(long accountId, String mailboxName, long uid) throws NoSuchMailboxException {
        Mailbox mailbox = mailbox(accountId, mailboxName);
        Optional<MailboxMessage> message = em.createNamedQuery(MailboxMessage.BY_UID, MailboxMessage.class)
                .setParameter("mailboxId", mailbox.getId()).setParameter("uid", uid)
                .getResultStream().findFirst();
        if (message.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(contents.readAll(message.get().getBlob()));
    }

    private Mailbox mailbox(long accountId, String mailboxName) throws NoSuchMailboxException {
        return em.createNamedQuery(Mailbox.BY_ACCOUNT_AND_NAME, Mailbox.class)
                .setParameter("accountId", accountId)
                .setParameter("name", mailboxName)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NoSuchMailboxException(mailboxName));
    }

    @Override
    public List<Mailbox> mailboxes(long accountId) {
        return em.createNamedQuery(Mailbox.BY_ACCOUNT, Mailbox.class).setParameter("accountId", accountId)
                .getResultList();
    }

    @Override
    public Map<Long, Long> usage(Collection<Long> accountIds) {
        Map<Long, Long> usage = new HashMap<>();
        if (accountIds.isEmpty()) {
            return usage;
        }
        for (Object[] row : em.createNamedQuery(Mailbox.USAGE_PER_ACCOUNT, Object[].class)
                .setParameter("accountIds", accountIds).getResultList()) {
            usage.put((Long) row[0], row[1] == null ? 0 : ((Number) row[1]).longValue());
        }
        return usage;
    }

    @Override
    public void deleteAll(long accountId) {
        // sessions of the account learn at their next command that their mailbox is gone, not after a poll
        // (ids only: managed Mailbox entities would be flushed against the account deleted in this transaction)
        em.createQuery("select m.id from Mailbox m where m.account.id = :accountId", Long.class)
                .setParameter("accountId", accountId).getResultList().forEach(notifier::changed);
        List<Long> blobIds = em.createNamedQuery(MailboxMessage.BLOB_IDS_OF_ACCOUNT, Long.class)
                .setParameter("accountId", accountId).getResultList();
        em.createNamedQuery(MailboxMessage.DELETE_OF_ACCOUNT).setParameter("accountId", accountId).executeUpdate();
        em.createQuery("delete from ExpungedMessage e where e.mailboxId in"
                        + " (select b.id from Mailbox b where b.account.id = :accountId)")
                .setParameter("accountId", accountId).executeUpdate();
        em.createQuery("delete from Subscription s where s.accountId = :accountId")
                .setParameter("accountId", accountId).executeUpdate();
        em.createNamedQuery(Mailbox.DELETE_OF_ACCOUNT).setParameter("accountId", accountId).executeUpdate();
        contents.deleteUnreferenced(blobIds);
    }
}
