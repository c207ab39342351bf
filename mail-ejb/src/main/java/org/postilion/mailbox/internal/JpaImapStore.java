package org.postilion.mailbox.internal;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import org.hibernate.Session;
import org.postilion.connector.spi.imap.AppendItem;
import org.postilion.connector.spi.imap.AppendResult;
import org.postilion.connector.spi.imap.CopyResult;
import org.postilion.connector.spi.imap.FlagChange;
import org.postilion.connector.spi.imap.ImapStoreListener;
import org.postilion.connector.spi.imap.MailboxChanges;
import org.postilion.connector.spi.imap.MailboxEntry;
import org.postilion.connector.spi.imap.MailboxException;
import org.postilion.connector.spi.imap.MailboxException.Code;
import org.postilion.connector.spi.imap.MailboxSnapshot;
import org.postilion.connector.spi.imap.MailboxStatus;
import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.MessageState;
import org.postilion.connector.spi.imap.Quota;
import org.postilion.connector.spi.imap.StoreResult;
import org.postilion.connector.spi.imap.SystemFlags;
import org.postilion.connector.spi.imap.UidSet;
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryService;
import org.postilion.mailbox.ExpungedMessage;
import org.postilion.mailbox.Mailbox;
import org.postilion.mailbox.MailboxAppends;
import org.postilion.mailbox.MailboxMessage;
import org.postilion.mailbox.MessageBlob;
import org.postilion.mailbox.StoredStructure;
import org.postilion.mailbox.Subscription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The IMAP store on JPA/Hibernate: what {@link ImapStoreListener} asks, each call one transaction.
 *
 * <p>Every write locks the mailbox row ({@code PESSIMISTIC_WRITE}, re-reading it: a lock on a row read earlier
 * would keep stale counters) before it allocates UIDs or a MODSEQ, so that allocation is atomic across sessions
 * and nodes; writes to two mailboxes (COPY, MOVE) lock them in id order, as
 * delivery does, so that they cannot deadlock. One operation takes one new MODSEQ for all the messages it changes.
 * Each committed change is announced on {@code mail.changes} ({@link MailboxChangeNotifier}). Expunges leave
 * tombstones, pruned after a retention ({@link TombstonePruner}); {@link #changes} below the pruned floor answers
 * the superset of every missing UID ({@link Tombstones}).
 *
 * <p>SECURITY: every call resolves the user's account and reaches mailboxes only through it; a mailbox id from
 * the connector is checked to belong to that account.
 *
 * <p>LIMITS: mailbox names of at most {@value #MAX_NAME} characters and {@value #MAX_DEPTH} levels; keywords of
 * a message at most {@value #MAX_KEYWORDS_LENGTH} characters in all; the storage quota
 * ({@code postilion.quota.default-bytes}, default -1: none) unless the account or its domain has its own.
 */
@Stateless
@Local(ImapStoreListener.class)
public class JpaImapStore implements ImapStoreListener {

    static final int MAX_NAME = 255;
    static final int MAX_DEPTH = 32;
    static final int MAX_KEYWORDS_LENGTH = 2000;
    /** Statements take their UID lists in slices of this size, well below any driver's limit. */
    private static final int SLICE = 500;

    /** The mailboxes every user has, with their SPECIAL-USE attributes (RFC 6154), created at first login. */
    static final Map<String, String> DEFAULT_MAILBOXES;

    static {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(Mailbox.INBOX, null);
        defaults.put("Drafts", "\\Drafts");
        defaults.put("Sent", "\\Sent");
        defaults.put("Trash", "\\Trash");
        defaults.put("Junk", "\\Junk");
        defaults.put("Archive", "\\Archive");
        DEFAULT_MAILBOXES = java.util.Collections.unmodifiableMap(defaults);
    }

    /** The attributes a mailbox may be created with (CREATE-SPECIAL-USE); \All and \Flagged would be virtual. */
    private static final Set<String> SPECIAL_USES = Set.of("\\Archive", "\\Drafts", "\\Junk", "\\Sent", "\\Trash");

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    @Inject
    private DirectoryService directory;

    @Inject
    private MailboxChangeNotifier notifier;

    @Inject
    private ContentStore content;


    // ---- mailboxes

    @Override
    public void open(String user) throws MailboxException {
        Account account = account(user);
        Set<String> existing = new java.util.HashSet<>(names(account));
        if (existing.containsAll(DEFAULT_MAILBOXES.keySet())) {
            return;
        }
        // two first logins at once: the account row's lock lets one create the mailboxes, the other then sees them
        account = em.find(Account.class, account.getId(), LockModeType.PESSIMISTIC_WRITE);
        existing = new java.util.HashSet<>(names(account));
        long now = Instant.now().getEpochSecond();
        for (Map.Entry<String, String> d : DEFAULT_MAILBOXES.entrySet()) {
            boolean missing = !existing.contains(d.getKey());
            if (missing) {
                em.persist(new Mailbox(account, d.getKey(), now, d.getValue()));
            }
            // INBOX exists from the account's creation: it is subscribed with the others, at the first login
            if ((missing || d.getKey().equals(Mailbox.INBOX))
                    && em.find(Subscription.class, new Subscription.Key(account.getId(), d.getKey())) == null) {
                em.persist(new Subscription(account.getId(), d.getKey()));
            }
        }
    }

    private List<String> names(Account account) {
        return em.createQuery("select m.name from Mailbox m where m.account.id = :accountId", String.class)
                .setParameter("accountId", account.getId()).getResultList();
    }

    @Override
    public List<MailboxEntry> list(String user) throws MailboxException {
        Account account = account(user);
        Set<String> subscribed = new java.util.HashSet<>(em.createQuery(
                        "select s.name from Subscription s where s.accountId = :accountId", String.class)
                .setParameter("accountId", account.getId()).getResultList());
        List<MailboxEntry> entries = new ArrayList<>();
        for (Mailbox m : em.createNamedQuery(Mailbox.BY_ACCOUNT, Mailbox.class)
                .setParameter("accountId", account.getId()).getResultList()) {
            entries.add(new MailboxEntry(m.getName(), m.getSpecialUse(), subscribed.remove(m.getName()), true));
        }
        for (String gone : subscribed) {
            entries.add(new MailboxEntry(gone, null, true, false));
        }
        return entries;
    }

    @Override
    public void create(String user, String name, String specialUse) throws MailboxException {
        Account account = account(user);
        String mailboxName = MailboxNames.validate(stripTrailingSeparator(name));
        if (specialUse != null && !SPECIAL_USES.contains(specialUse)) {
            throw new MailboxException(Code.USEATTR, "Unsupported special-use attribute: " + specialUse);
        }
        if (find(account, mailboxName) != null) {
            throw new MailboxException(Code.ALREADYEXISTS, "Mailbox already exists");
        }
        long now = Instant.now().getEpochSecond();
        for (String parent : MailboxNames.parents(mailboxName)) {
            if (find(account, parent) == null) {
                em.persist(new Mailbox(account, parent, now));
            }
        }
        em.persist(new Mailbox(account, mailboxName, now, specialUse));
    }

    private static String stripTrailingSeparator(String name) {
        // RFC 9051 section 6.3.4: a trailing separator says the name will have inferiors; it is not part of it
        return name.length() > 1 && name.charAt(name.length() - 1) == Mailbox.SEPARATOR
                ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public void delete(String user, String name) throws MailboxException {
        Account account = account(user);
        if (name.equals(Mailbox.INBOX)) {
            throw new MailboxException(Code.CANNOT, "INBOX cannot be deleted");
        }
        Mailbox mailbox = existing(account, name);
        if (!children(account, name).isEmpty()) {
            // no \Noselect placeholders in this store: the children go first (as Dovecot asks)
            throw new MailboxException(Code.INUSE, "Mailbox has children, delete them first");
        }
        em.refresh(mailbox, LockModeType.PESSIMISTIC_WRITE);
        List<Long> blobIds = em.createQuery(
                        "select distinct m.blob.id from MailboxMessage m where m.mailbox.id = :id", Long.class)
                .setParameter("id", mailbox.getId()).getResultList();
        em.createQuery("delete from MailboxMessage m where m.mailbox.id = :id")
                .setParameter("id", mailbox.getId()).executeUpdate();
        em.createQuery("delete from ExpungedMessage e where e.mailboxId = :id")
                .setParameter("id", mailbox.getId()).executeUpdate();
        em.remove(mailbox);
        em.flush();
        content.deleteUnreferenced(blobIds);
        notifier.changed(mailbox.getId());
    }

    @Override
    public void rename(String user, String from, String to) throws MailboxException {
        Account account = account(user);
        String target = MailboxNames.validate(stripTrailingSeparator(to));
        Mailbox source = existing(account, from);
        if (find(account, target) != null) {
            throw new MailboxException(Code.ALREADYEXISTS, "Mailbox already exists");
        }
        if (target.startsWith(from + Mailbox.SEPARATOR)) {
            throw new MailboxException(Code.CANNOT, "A mailbox cannot be moved into itself");
        }
        long now = Instant.now().getEpochSecond();
        for (String parent : MailboxNames.parents(target)) {
            if (find(account, parent) == null) {
                em.persist(new Mailbox(account, parent, now));
            }
        }
        if (from.equals(Mailbox.INBOX)) {
            renameInbox(account, source, target, now);
            return;
        }
        for (Mailbox child : children(account, from)) {
            child.rename(target + child.getName().substring(from.length()));
        }
        source.rename(target);
        notifier.changed(source.getId());
    }

    /**
     * RFC 9051 section 6.3.6: renaming INBOX moves all its messages to a new mailbox of the new name and leaves
     * INBOX empty; INBOX's inferiors, if any, stay where they are. The messages keep their UIDs in the new
     * mailbox, which continues INBOX's UID and MODSEQ counters; INBOX's sessions see them expunged.
     */
    private void renameInbox(Account account, Mailbox inbox, String target, long now) {
        em.refresh(inbox, LockModeType.PESSIMISTIC_WRITE);
        Mailbox renamed = new Mailbox(account, target, now);
        renamed.continueFrom(inbox);
        em.persist(renamed);
        long inboxModseq = inbox.nextModseq();
        long renamedModseq = renamed.nextModseq();
        for (MailboxMessage m : em.createNamedQuery(MailboxMessage.IN_MAILBOX, MailboxMessage.class)
                .setParameter("mailboxId", inbox.getId()).getResultList()) {
            em.persist(new ExpungedMessage(inbox.getId(), m.getUid(), inboxModseq));
            m.moveTo(renamed, renamedModseq);
            renamed.count(1, m.getFlags(), m.getSize());
        }
        inbox.emptied();
        notifier.changed(inbox.getId());
    }

    @Override
    public void subscribe(String user, String name, boolean subscribed) throws MailboxException {
        Account account = account(user);
        Subscription existing = em.find(Subscription.class, new Subscription.Key(account.getId(), name));
        if (subscribed && existing == null) {
            em.persist(new Subscription(account.getId(), MailboxNames.validate(name)));
        } else if (!subscribed && existing != null) {
            em.remove(existing);
        } else if (!subscribed) {
            throw new MailboxException(Code.NONEXISTENT, "Not subscribed");
        }
    }

    @Override
    public MailboxStatus status(String user, String name) throws MailboxException {
        Mailbox m = existing(account(user), name);
        return new MailboxStatus(m.getId(), m.getName(), m.getMessageCount(), m.getUnseenCount(), m.getDeletedCount(),
                m.getTotalSize(), m.getUidNext(), m.getUidValidity(), m.getHighestModseq(), unclaimedRecent(m));
    }

    /** The messages no session has claimed as {@code \Recent}: counted only when there can be any. */
    private long unclaimedRecent(Mailbox m) {
        if (m.getFirstRecentUid() >= m.getUidNext()) {
            return 0;
        }
        return em.createNamedQuery(MailboxMessage.COUNT_FROM_UID, Long.class).setParameter("mailboxId", m.getId())
                .setParameter("uid", m.getFirstRecentUid()).getSingleResult();
    }

    // ---- the selected mailbox

    @Override
    public MailboxSnapshot select(String user, String name) throws MailboxException {
        Mailbox m = existing(account(user), name);
        Set<String> keywords = new Keywords.KeywordSet();
        List<MessageState> messages = MessageStates.of(em, m.getId(), keywords);
        return new MailboxSnapshot(m.getId(), m.getName(), m.getUidValidity(), m.getUidNext(), m.getHighestModseq(),
                List.copyOf(keywords), messages, m.getFirstRecentUid());
    }

    @Override
    public long claimRecent(String user, long mailboxId, long uidNext) throws MailboxException {
        Mailbox m = owned(account(user), mailboxId, false);
        if (m.getFirstRecentUid() >= uidNext) {
            // another session claimed them already (the usual case when many sessions see one delivery): no lock
            return uidNext;
        }
        // under the row lock that UID allocation takes (re-read with it): of two sessions claiming at once,
        // each UID goes to one
        em.refresh(m, LockModeType.PESSIMISTIC_WRITE);
        return m.claimRecent(uidNext);
    }

    @Override
    public MailboxChanges changes(String user, long mailboxId, long sinceModseq) throws MailboxException {
        Mailbox m = owned(account(user), mailboxId, false);
        Set<String> keywords = new Keywords.KeywordSet();
        List<MessageState> changed = new ArrayList<>();
        for (Tuple t : em.createQuery("select m.uid, m.modseq, m.flags, m.keywords from MailboxMessage m"
                        + " where m.mailbox.id = :id and m.modseq > :since order by m.uid", Tuple.class)
                .setParameter("id", mailboxId).setParameter("since", sinceModseq).getResultList()) {
            changed.add(state(t, keywords));
        }
        // after the mailbox's UIDNEXT was read: the superset below a pruned floor must not take a message
        // appended since then for a vanished one (Tombstones#vanished); read-only, so nothing to flush first
        long uidNext = m.getUidNext();
        UidSet vanished = em.unwrap(Session.class)
                .doReturningWork(c -> Tombstones.vanished(c, mailboxId, sinceModseq, uidNext));
        return new MailboxChanges(uidNext, m.getHighestModseq(), changed, vanished, List.copyOf(keywords));
    }

    private static MessageState state(Tuple t, Set<String> keywords) {
        List<String> kw = Keywords.split(t.get(3, String.class));
        keywords.addAll(kw);
        return new MessageState(t.get(0, Long.class), t.get(1, Long.class), t.get(2, Integer.class), kw);
    }

    @Override
    public List<MessageDescription> describe(String user, long mailboxId, long[] uids) throws MailboxException {
        owned(account(user), mailboxId, false);
        List<MessageDescription> descriptions = new ArrayList<>(uids.length);
        for (List<Long> slice : slices(uids)) {
            for (MailboxMessage m : em.createQuery("select m from MailboxMessage m join fetch m.blob"
                            + " where m.mailbox.id = :id and m.uid between :lo and :hi and m.uid in :uids order by m.uid",
                            MailboxMessage.class)
                    .setParameter("id", mailboxId).setParameter("uids", slice)
                    .setParameter("lo", slice.get(0)).setParameter("hi", slice.get(slice.size() - 1)).getResultList()) {
                StoredStructure s = content.structureOf(m.getBlob());
                descriptions.add(new MessageDescription(m.getUid(), m.getModseq(), m.getFlags(),
                        Keywords.split(m.getKeywords()), m.getInternalDate(), m.getSize(), s.envelope(),
                        s.bodyStructure(), s.body(), s.headerSize(), s.parts()));
            }
        }
        return descriptions;
    }

    @Override
    public byte[] read(String user, long mailboxId, long uid, long offset, int length) throws MailboxException {
        owned(account(user), mailboxId, false);
        Long blobId = em.createQuery("select m.blob.id from MailboxMessage m where m.mailbox.id = :id and m.uid = :uid",
                        Long.class)
                .setParameter("id", mailboxId).setParameter("uid", uid).getResultStream().findFirst()
                .orElseThrow(() -> new MailboxException(Code.EXPUNGEISSUED, "Message was expunged"));
        return content.read(blobId, offset, length);
    }

    @Override
    public Map<Long, byte[]> readHeaders(String user, long mailboxId, long[] uids) throws MailboxException {
        owned(account(user), mailboxId, false);
        Map<Long, byte[]> headers = new HashMap<>();
        for (List<Long> slice : slices(uids)) {
            headers.putAll(em.unwrap(Session.class).doReturningWork(c -> HeaderBlocks.read(c, mailboxId, slice)));
        }
        return headers;
    }

    @Override
    public StoreResult store(String user, long mailboxId, long[] uids, FlagChange change, long unchangedSince)
            throws MailboxException {
        Mailbox mailbox = owned(account(user), mailboxId, true);
        List<MessageState> updated = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        long modseq = 0;
        for (MailboxMessage m : messages(mailboxId, uids)) {
            if (unchangedSince > 0 && m.getModseq() > unchangedSince) {
                modified.add(m.getUid());
                continue;
            }
            int flags = switch (change.mode()) {
                case REPLACE -> change.systemFlags();
                case ADD -> m.getFlags() | change.systemFlags();
                case REMOVE -> m.getFlags() & ~change.systemFlags();
            };
            String keywords = Keywords.apply(m.getKeywords(), change);
            if (keywords != null && keywords.length() > MAX_KEYWORDS_LENGTH) {
                throw new MailboxException(Code.LIMIT, "Too many keywords on one message");
            }
            if (flags == m.getFlags() && java.util.Objects.equals(keywords, m.getKeywords())) {
                continue;
            }
            if (modseq == 0) {
                modseq = mailbox.nextModseq();
            }
            m.changeFlags(flags, keywords, modseq);
            updated.add(new MessageState(m.getUid(), modseq, flags, Keywords.split(keywords)));
        }
        if (modseq != 0) {
            notifier.changed(mailboxId);
        }
        return new StoreResult(updated, modified.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public CopyResult copy(String user, long mailboxId, long[] uids, String target, boolean move)
            throws MailboxException {
        Account account = account(user);
        Mailbox source = owned(account, mailboxId, false);
        Mailbox destination = find(account, target);
        if (destination == null) {
            throw new MailboxException(Code.TRYCREATE, "Mailbox doesn't exist: " + target);
        }
        // both rows locked in id order (see the class comment)
        if (source.getId() < destination.getId()) {
            em.refresh(source, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(destination, LockModeType.PESSIMISTIC_WRITE);
        } else {
            em.refresh(destination, LockModeType.PESSIMISTIC_WRITE);
            if (destination != source) {
                em.refresh(source, LockModeType.PESSIMISTIC_WRITE);
            }
        }
        List<MailboxMessage> messages = messages(mailboxId, uids);
        if (messages.isEmpty()) {
            return new CopyResult(destination.getUidValidity(), new long[0], new long[0]);
        }
        if (!move) {
            long added = messages.stream().mapToLong(MailboxMessage::getSize).sum();
            checkQuota(account, added);
        }
        long[] sourceUids = new long[messages.size()];
        long[] targetUids = new long[messages.size()];
        long targetModseq = destination.nextModseq();
        long sourceModseq = move ? source.nextModseq() : 0;
        for (int i = 0; i < messages.size(); i++) {
            MailboxMessage m = messages.get(i);
            MailboxMessage copy = MailboxAppends.append(destination, targetModseq, m.getBlob(), m.getInternalDate(),
                    m.getFlags(), m.getKeywords());
            em.persist(copy);
            sourceUids[i] = m.getUid();
            targetUids[i] = copy.getUid();
            if (move) {
                expungeOne(source, m, sourceModseq);
            }
        }
        notifier.changed(destination.getId());
        if (move) {
            notifier.changed(source.getId());
        }
        return new CopyResult(destination.getUidValidity(), sourceUids, targetUids);
    }

    @Override
    public long[] expunge(String user, long mailboxId, long[] uids) throws MailboxException {
        Mailbox mailbox = owned(account(user), mailboxId, true);
        if (mailbox.getDeletedCount() == 0) {
            return new long[0];
        }
        List<MailboxMessage> candidates = uids == null
                ? em.createNamedQuery(MailboxMessage.IN_MAILBOX, MailboxMessage.class)
                        .setParameter("mailboxId", mailboxId).getResultList()
                : messages(mailboxId, uids);
        long modseq = 0;
        List<Long> expunged = new ArrayList<>();
        Set<Long> blobIds = new LinkedHashSet<>();
        for (MailboxMessage m : candidates) {
            if ((m.getFlags() & SystemFlags.DELETED) == 0) {
                continue;
            }
            if (modseq == 0) {
                modseq = mailbox.nextModseq();
            }
            blobIds.add(m.getBlob().getId());
            expungeOne(mailbox, m, modseq);
            expunged.add(m.getUid());
        }
        if (modseq != 0) {
            em.flush();
            content.deleteUnreferenced(new ArrayList<>(blobIds));
            notifier.changed(mailboxId);
        }
        return expunged.stream().mapToLong(Long::longValue).toArray();
    }

    private void expungeOne(Mailbox mailbox, MailboxMessage m, long modseq) {
        mailbox.count(-1, m.getFlags(), m.getSize());
        em.remove(m);
        em.persist(new ExpungedMessage(mailbox.getId(), m.getUid(), modseq));
    }

    @Override
    public AppendResult append(String user, String mailboxName, List<AppendItem> items) throws MailboxException {
        Account account = account(user);
        Mailbox mailbox = find(account, mailboxName);
        if (mailbox == null) {
            throw new MailboxException(Code.TRYCREATE, "Mailbox doesn't exist: " + mailboxName);
        }
        em.refresh(mailbox, LockModeType.PESSIMISTIC_WRITE);
        checkQuota(account, items.stream().mapToLong(i -> i.content().size()).sum());
        long modseq = mailbox.nextModseq();
        long[] uids = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            AppendItem item = items.get(i);
            byte[] bytes;
            try (InputStream in = item.content().openStream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MessageBlob blob = content.storeShared(bytes);
            String keywords = Keywords.join(item.keywords());
            if (keywords != null && keywords.length() > MAX_KEYWORDS_LENGTH) {
                throw new MailboxException(Code.LIMIT, "Too many keywords on one message");
            }
            MailboxMessage m = MailboxAppends.append(mailbox, modseq, blob,
                    item.internalDate() == null ? Instant.now() : item.internalDate(),
                    item.systemFlags() & SystemFlags.ALL, keywords);
            em.persist(m);
            uids[i] = m.getUid();
        }
        notifier.changed(mailbox.getId());
        return new AppendResult(mailbox.getUidValidity(), uids);
    }

    @Override
    public Quota quota(String user) throws MailboxException {
        Account account = account(user);
        Object[] usage = usage(account);
        return new Quota((Long) usage[0], limit(account), (Long) usage[1], -1);
    }

    private Object[] usage(Account account) {
        return em.createNamedQuery(Mailbox.USAGE_OF_ACCOUNT, Object[].class)
                .setParameter("accountId", account.getId()).getSingleResult();
    }

    private long limit(Account account) {
        return account.quotaLimit(Long.getLong("postilion.quota.default-bytes", -1));
    }

    private void checkQuota(Account account, long added) throws MailboxException {
        long limit = limit(account);
        if (limit >= 0 && (Long) usage(account)[0] + added > limit) {
            throw new MailboxException(Code.OVERQUOTA, "Quota exceeded (mailbox for user is full)");
        }
    }

    // ---- lookups

    private Account account(String user) throws MailboxException {
        return directory.findAccountByLogin(user)
                .orElseThrow(() -> new MailboxException(Code.NOPERM, "No such user: " + user));
    }

    private Mailbox find(Account account, String name) {
        return em.createNamedQuery(Mailbox.BY_ACCOUNT_AND_NAME, Mailbox.class)
                .setParameter("accountId", account.getId()).setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
    }

    private Mailbox existing(Account account, String name) throws MailboxException {
        Mailbox m = find(account, name);
        if (m == null) {
            throw new MailboxException(Code.NONEXISTENT, "Mailbox doesn't exist: " + name);
        }
        return m;
    }

    private List<Mailbox> children(Account account, String name) {
        String prefix = name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + Mailbox.SEPARATOR + "%";
        return em.createNamedQuery(Mailbox.CHILDREN, Mailbox.class)
                .setParameter("accountId", account.getId()).setParameter("prefix", prefix).getResultList();
    }

    /** The mailbox of this id if the account owns it, locked for writing if asked. */
    private Mailbox owned(Account account, long mailboxId, boolean lock) throws MailboxException {
        var query = em.createNamedQuery(Mailbox.BY_ID_AND_ACCOUNT, Mailbox.class)
                .setParameter("id", mailboxId).setParameter("accountId", account.getId());
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst()
                .orElseThrow(() -> new MailboxException(Code.NONEXISTENT, "Mailbox doesn't exist any more"));
    }

    /** The messages of these UIDs that exist, by ascending UID. */
    private List<MailboxMessage> messages(long mailboxId, long[] uids) {
        TreeMap<Long, MailboxMessage> found = new TreeMap<>();
        for (List<Long> slice : slices(uids)) {
            for (MailboxMessage m : em.createQuery("select m from MailboxMessage m join fetch m.blob"
                            + " where m.mailbox.id = :id and m.uid between :lo and :hi and m.uid in :uids", MailboxMessage.class)
                    .setParameter("id", mailboxId).setParameter("uids", slice)
                    .setParameter("lo", slice.get(0)).setParameter("hi", slice.get(slice.size() - 1)).getResultList()) {
                found.put(m.getUid(), m);
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * The UIDs, ascending and without repeats, in slices of at most {@value #SLICE}. Queries take a slice as
     * {@code uid between first and last and uid in (slice)}: the range lets the database walk the
     * (mailbox_id, uid) index to just those rows (H2 otherwise reads every message of the mailbox and tests
     * each against the list), the list keeps the answer exact when the UIDs have gaps.
     */
    private static List<List<Long>> slices(long[] uids) {
        long[] sorted = Arrays.stream(uids).sorted().distinct().toArray();
        List<List<Long>> slices = new ArrayList<>();
        for (int i = 0; i < sorted.length; i += SLICE) {
            List<Long> slice = new ArrayList<>(SLICE);
            for (int j = i; j < Math.min(sorted.length, i + SLICE); j++) {
                slice.add(sorted[j]);
            }
            slices.add(slice);
        }
        return slices;
    }
}
