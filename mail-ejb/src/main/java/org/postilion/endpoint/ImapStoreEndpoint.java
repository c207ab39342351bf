package org.postilion.endpoint;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.postilion.connector.spi.imap.AppendItem;
import org.postilion.connector.spi.imap.AppendResult;
import org.postilion.connector.spi.imap.CopyResult;
import org.postilion.connector.spi.imap.FlagChange;
import org.postilion.connector.spi.imap.ImapStoreListener;
import org.postilion.connector.spi.imap.MailboxChanges;
import org.postilion.connector.spi.imap.MailboxEntry;
import org.postilion.connector.spi.imap.MailboxException;
import org.postilion.connector.spi.imap.MailboxSnapshot;
import org.postilion.connector.spi.imap.MailboxStatus;
import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.Quota;
import org.postilion.connector.spi.imap.StoreResult;

import java.util.List;
import java.util.Map;

/**
 * Answers the IMAP sessions' questions to the store. Each call is one transaction of the store bean (whose
 * {@link MailboxException}s roll it back and reach the connector as they are); this bean only crosses from the
 * connector into the EJB tier.
 */
@MessageDriven(messageListenerInterface = ImapStoreListener.class)
@ResourceAdapter(ConnectorNames.RESOURCE_ADAPTER)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImapStoreEndpoint implements ImapStoreListener {

    @EJB(beanName = "JpaImapStore")
    private ImapStoreListener store;

    @Override
    public void open(String user) throws MailboxException {
        store.open(user);
    }

    @Override
    public List<MailboxEntry> list(String user) throws MailboxException {
        return store.list(user);
    }

    @Override
    public void create(String user, String name, String specialUse) throws MailboxException {
        store.create(user, name, specialUse);
    }

    @Override
    public void delete(String user, String name) throws MailboxException {
        store.delete(user, name);
    }

    @Override
    public void rename(String user, String from, String to) throws MailboxException {
        store.rename(user, from, to);
    }

    @Override
    public void subscribe(String user, String name, boolean subscribed) throws MailboxException {
        store.subscribe(user, name, subscribed);
    }

    @Override
    public MailboxStatus status(String user, String name) throws MailboxException {
        return store.status(user, name);
    }

    @Override
    public MailboxSnapshot select(String user, String name) throws MailboxException {
        return store.select(user, name);
    }

    @Override
    public long claimRecent(String user, long mailboxId, long uidNext) throws MailboxException {
        return store.claimRecent(user, mailboxId, uidNext);
    }

    @Override
    public MailboxChanges changes(String user, long mailboxId, long sinceModseq) throws MailboxException {
        return store.changes(user, mailboxId, sinceModseq);
    }

    @Override
    public List<MessageDescription> describe(String user, long mailboxId, long[] uids) throws MailboxException {
        return store.describe(user, mailboxId, uids);
    }

    @Override
    public byte[] read(String user, long mailboxId, long uid, long offset, int length) throws MailboxException {
        return store.read(user, mailboxId, uid, offset, length);
    }

    @Override
    public Map<Long, byte[]> readHeaders(String user, long mailboxId, long[] uids) throws MailboxException {
        return store.readHeaders(user, mailboxId, uids);
    }

    @Override
    public StoreResult store(String user, long mailboxId, long[] uids, FlagChange change, long unchangedSince)
            throws MailboxException {
        return store.store(user, mailboxId, uids, change, unchangedSince);
    }

    @Override
    public CopyResult copy(String user, long mailboxId, long[] uids, String target, boolean move)
            throws MailboxException {
        return store.copy(user, mailboxId, uids, target, move);
    }

    @Override
    public long[] expunge(String user, long mailboxId, long[] uids) throws MailboxException {
        return store.expunge(user, mailboxId, uids);
    }

    @Override
    public AppendResult append(String user, String mailbox, List<AppendItem> messages) throws MailboxException {
        return store.append(user, mailbox, messages);
    }

    @Override
    public Quota quota(String user) throws MailboxException {
        return store.quota(user);
    }
}
