package org.postilion.connector.imap.transcript;

import org.postilion.connector.spi.MessageContent;
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
import org.postilion.connector.spi.imap.MessageState;
import org.postilion.connector.spi.imap.Quota;
import org.postilion.connector.spi.imap.StoreResult;
import org.postilion.connector.spi.imap.SystemFlags;
import org.postilion.connector.spi.imap.UidSet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The mail store in memory, as {@link ImapStoreListener} promises it: UIDs and MODSEQs per mailbox, expunge
 * tombstones for QRESYNC, subscriptions, a quota, content kept once per message and described once at append
 * ({@link FakeDescriptions}). Every change is signalled to {@link #signals} after it is made, as the real
 * store publishes on its topic after the commit. Synchronized: sessions call it from several threads.
 *
 * <p>The calls made are recorded ({@link #calls()}), so that a test can check that a FETCH of FLAGS never
 * read content, or that a partial fetch read only its range.
 */
public final class FakeImapStore implements ImapStoreListener {

    /** Quota limit of every user, octets, unless {@link #storageLimit(long)} says otherwise. */
    public static final long STORAGE_LIMIT = 10L * 1024 * 1024;

    private static final AtomicLong IDS = new AtomicLong(100);

    private static final class Message {
        final long uid;
        long modseq;
        int flags;
        List<String> keywords;
        final Instant internalDate;
        final byte[] content;
        final MessageDescription description;

        Message(long uid, long modseq, int flags, List<String> keywords, Instant internalDate, byte[] content) {
            this.uid = uid;
            this.modseq = modseq;
            this.flags = flags;
            this.keywords = List.copyOf(keywords);
            this.internalDate = internalDate;
            this.content = content;
            this.description = FakeDescriptions.describe(uid, content, internalDate);
        }

        MessageState state() {
            return new MessageState(uid, modseq, flags, keywords);
        }
    }

    private static final class Box {
        final long id = IDS.incrementAndGet();
        String name;
        final long uidValidity;
        long uidNext = 1;
        long modseq = 1;
        /** The first UID no session has claimed as \Recent. */
        long firstRecentUid = 1;
        final String specialUse;
        final TreeMap<Long, Message> messages = new TreeMap<>();
        final TreeMap<Long, Long> tombstones = new TreeMap<>();
        /** The highest MODSEQ whose tombstones were pruned ({@link #pruneTombstones}). */
        long vanishedFloor;

        Box(User owner, String name, String specialUse) {
            this.uidValidity = ++owner.validities;
            this.name = name;
            this.specialUse = specialUse;
        }
    }

    private static final class User {
        final TreeMap<String, Box> boxes = new TreeMap<>();
        final Set<String> subscriptions = new LinkedHashSet<>();
        /** UIDVALIDITY of the user's next mailbox: 1 for INBOX, and so on, so that scripts can name them. */
        long validities;
    }

    private final Map<String, User> users = new HashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile LongConsumer signals = id -> { };
    private volatile boolean broken;
    private volatile long changesDelayMillis;
    private volatile Runnable afterDescribe = () -> { };
    private volatile long storageLimit = STORAGE_LIMIT;

    /** Where changes are signalled (the server's hub). */
    public void signalTo(LongConsumer receiver) {
        signals = receiver;
    }

    /** Runs once, right after the next {@code describe} (to change the store between two calls of a FETCH). */
    public void afterNextDescribe(Runnable action) {
        afterDescribe = () -> {
            afterDescribe = () -> { };
            action.run();
        };
    }

    /** From now on every {@code changes} call takes so long (as a busy database would), holding the store. */
    public void slowChanges(long millis) {
        changesDelayMillis = millis;
    }

    /** The quota limit of every user from now on, octets; -1 for none. */
    public void storageLimit(long octets) {
        storageLimit = octets;
    }

    /** From now on every call fails as a broken database would (not a MailboxException). */
    public void breakDown(boolean broken) {
        this.broken = broken;
    }

    /** The calls made, as {@code name args}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    private void call(String what) {
        calls.add(what);
        if (broken) {
            throw new IllegalStateException("the database is down");
        }
    }

    /** Delivers a message as the delivery path would, and signals it. */
    public long deliver(String user, String mailbox, String message) {
        try {
            AppendResult r = append(user, mailbox, List.of(new AppendItem(0, List.of(),
                    Instant.parse("2026-11-20T10:00:00Z"), bytes(message.getBytes(StandardCharsets.UTF_8)))));
            return r.uids()[0];
        } catch (MailboxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageContent bytes(byte[] b) {
        return new MessageContent() {
            @Override
            public long size() {
                return b.length;
            }

            @Override
            public InputStream openStream() {
                return new java.io.ByteArrayInputStream(b);
            }
        };
    }

    private User user(String user) throws MailboxException {
        User u = users.get(user);
        if (u == null) {
            throw new MailboxException(MailboxException.Code.NONEXISTENT, "No such user");
        }
        return u;
    }

    private Box box(String user, String name) throws MailboxException {
        Box b = user(user).boxes.get(name);
        if (b == null) {
            throw new MailboxException(MailboxException.Code.NONEXISTENT, "Mailbox does not exist");
        }
        return b;
    }

    private Box box(String user, long id) throws MailboxException {
        for (Box b : user(user).boxes.values()) {
            if (b.id == id) {
                return b;
            }
        }
        throw new MailboxException(MailboxException.Code.NONEXISTENT, "Mailbox does not exist");
    }

    @Override
    public synchronized void open(String user) {
        call("open " + user);
        User u = users.computeIfAbsent(user, k -> new User());
        if (u.boxes.isEmpty()) {
            for (String[] b : new String[][] {{"INBOX", null}, {"Drafts", "\\Drafts"}, {"Sent", "\\Sent"},
                    {"Trash", "\\Trash"}, {"Junk", "\\Junk"}, {"Archive", "\\Archive"}}) {
                u.boxes.put(b[0], new Box(u, b[0], b[1]));
                u.subscriptions.add(b[0]);
            }
        }
    }

    @Override
    public synchronized List<MailboxEntry> list(String user) throws MailboxException {
        call("list");
        User u = user(user);
        List<MailboxEntry> entries = new ArrayList<>();
        for (Box b : u.boxes.values()) {
            entries.add(new MailboxEntry(b.name, b.specialUse, u.subscriptions.contains(b.name), true));
        }
        for (String s : u.subscriptions) {
            if (!u.boxes.containsKey(s)) {
                entries.add(new MailboxEntry(s, null, true, false));
            }
        }
        return entries;
    }

    @Override
    public synchronized void create(String user, String name, String specialUse) throws MailboxException {
        call("create " + name);
        User u = user(user);
        if (u.boxes.containsKey(name)) {
            throw new MailboxException(MailboxException.Code.ALREADYEXISTS, "Mailbox already exists");
        }
        int slash = name.indexOf('/');
        while (slash > 0) {
            u.boxes.putIfAbsent(name.substring(0, slash), new Box(u, name.substring(0, slash), null));
            slash = name.indexOf('/', slash + 1);
        }
        u.boxes.put(name, new Box(u, name, specialUse));
    }

    @Override
    public synchronized void delete(String user, String name) throws MailboxException {
        call("delete " + name);
        User u = user(user);
        box(user, name);
        if (u.boxes.keySet().stream().anyMatch(n -> n.startsWith(name + "/"))) {
            throw new MailboxException(MailboxException.Code.INUSE, "Mailbox has children");
        }
        u.boxes.remove(name);
    }

    @Override
    public synchronized void rename(String user, String from, String to) throws MailboxException {
        call("rename " + from + " " + to);
        User u = user(user);
        Box b = box(user, from);
        if (u.boxes.containsKey(to)) {
            throw new MailboxException(MailboxException.Code.ALREADYEXISTS, "Target mailbox exists");
        }
        if (from.equals("INBOX")) {
            Box moved = new Box(u, to, null);
            // new UIDs here, in the same order: the messages claimed as \Recent stay claimed
            moved.firstRecentUid = 1 + b.messages.headMap(b.firstRecentUid).size();
            for (Message m : b.messages.values()) {
                long uid = moved.uidNext++;
                moved.messages.put(uid, new Message(uid, ++moved.modseq, m.flags, m.keywords, m.internalDate, m.content));
            }
            for (Long uid : new ArrayList<>(b.messages.keySet())) {
                b.messages.remove(uid);
                b.tombstones.put(uid, ++b.modseq);
            }
            u.boxes.put(to, moved);
            signals.accept(b.id);
            return;
        }
        for (String name : new ArrayList<>(u.boxes.keySet())) {
            if (name.equals(from) || name.startsWith(from + "/")) {
                Box x = u.boxes.remove(name);
                x.name = to + name.substring(from.length());
                u.boxes.put(x.name, x);
            }
        }
    }

    @Override
    public synchronized void subscribe(String user, String name, boolean subscribed) throws MailboxException {
        call((subscribed ? "subscribe " : "unsubscribe ") + name);
        User u = user(user);
        if (subscribed) {
            box(user, name);
            u.subscriptions.add(name);
        } else {
            u.subscriptions.remove(name);
        }
    }

    @Override
    public synchronized MailboxStatus status(String user, String name) throws MailboxException {
        call("status " + name);
        Box b = box(user, name);
        long unseen = b.messages.values().stream().filter(m -> (m.flags & SystemFlags.SEEN) == 0).count();
        long deleted = b.messages.values().stream().filter(m -> (m.flags & SystemFlags.DELETED) != 0).count();
        long size = b.messages.values().stream().mapToLong(m -> m.content.length).sum();
        long recent = b.messages.tailMap(b.firstRecentUid).size();
        return new MailboxStatus(b.id, b.name, b.messages.size(), unseen, deleted, size, b.uidNext, b.uidValidity,
                b.modseq, recent);
    }

    @Override
    public synchronized MailboxSnapshot select(String user, String name) throws MailboxException {
        call("select " + name);
        Box b = box(user, name);
        return new MailboxSnapshot(b.id, b.name, b.uidValidity, b.uidNext, b.modseq, keywords(b),
                b.messages.values().stream().map(Message::state).toList(), b.firstRecentUid);
    }

    @Override
    public synchronized long claimRecent(String user, long mailboxId, long uidNext) throws MailboxException {
        call("claimRecent " + uidNext);
        Box b = box(user, mailboxId);
        long from = b.firstRecentUid;
        b.firstRecentUid = Math.max(from, Math.min(uidNext, b.uidNext));
        return from;
    }

    private static List<String> keywords(Box b) {
        Set<String> all = new LinkedHashSet<>();
        b.messages.values().forEach(m -> all.addAll(m.keywords));
        return List.copyOf(all);
    }

    @Override
    public synchronized MailboxChanges changes(String user, long mailboxId, long sinceModseq) throws MailboxException {
        call("changes " + sinceModseq);
        if (changesDelayMillis > 0) {
            try {
                Thread.sleep(changesDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Box b = box(user, mailboxId);
        List<MessageState> changed = b.messages.values().stream().filter(m -> m.modseq > sinceModseq)
                .map(Message::state).toList();
        UidSet vanished;
        if (sinceModseq < b.vanishedFloor) {
            // the superset the real store answers: every UID below UIDNEXT that no longer exists
            UidSet.Builder gaps = new UidSet.Builder();
            long next = 1;
            for (long uid : b.messages.keySet()) {
                gaps.add(next, uid - 1);
                next = uid + 1;
            }
            vanished = gaps.add(next, b.uidNext - 1).build();
        } else {
            vanished = UidSet.of(b.tombstones.entrySet().stream().filter(e -> e.getValue() > sinceModseq)
                    .mapToLong(Map.Entry::getKey).toArray());
        }
        return new MailboxChanges(b.uidNext, b.modseq, changed, vanished, keywords(b));
    }

    /**
     * Prunes the tombstones of a mailbox up to a MODSEQ, as the real store's retention does: a later
     * {@link #changes} below it answers the superset of RFC 7162 section 3.2.7.
     */
    public synchronized void pruneTombstones(String user, String mailbox, long floorModseq) throws MailboxException {
        Box b = box(user, mailbox);
        b.vanishedFloor = Math.max(b.vanishedFloor, floorModseq);
        b.tombstones.values().removeIf(modseq -> modseq <= b.vanishedFloor);
    }

    /** The mailbox's highest MODSEQ. */
    public synchronized long highestModseq(String user, String mailbox) throws MailboxException {
        return box(user, mailbox).modseq;
    }

    @Override
    public synchronized List<MessageDescription> describe(String user, long mailboxId, long[] uids)
            throws MailboxException {
        call("describe " + uids.length);
        Box b = box(user, mailboxId);
        List<MessageDescription> out = new ArrayList<>();
        for (long uid : uids) {
            Message m = b.messages.get(uid);
            if (m != null) {
                MessageDescription d = m.description;
                out.add(new MessageDescription(uid, m.modseq, m.flags, m.keywords, m.internalDate, d.size(),
                        d.envelope(), d.bodyStructure(), d.body(), d.headerSize(), d.parts()));
            }
        }
        afterDescribe.run();
        return out;
    }

    @Override
    public synchronized byte[] read(String user, long mailboxId, long uid, long offset, int length)
            throws MailboxException {
        call("read " + uid + " " + offset + " " + length);
        Message m = box(user, mailboxId).messages.get(uid);
        if (m == null) {
            throw new MailboxException(MailboxException.Code.EXPUNGEISSUED, "Message was expunged");
        }
        int from = (int) Math.min(offset, m.content.length);
        int to = (int) Math.min(m.content.length, from + (long) length);
        return Arrays.copyOfRange(m.content, from, to);
    }

    @Override
    public synchronized Map<Long, byte[]> readHeaders(String user, long mailboxId, long[] uids)
            throws MailboxException {
        call("readHeaders " + uids.length);
        Box b = box(user, mailboxId);
        Map<Long, byte[]> out = new HashMap<>();
        for (long uid : uids) {
            Message m = b.messages.get(uid);
            if (m != null) {
                out.put(uid, Arrays.copyOf(m.content, (int) m.description.headerSize()));
            }
        }
        return out;
    }

    @Override
    public synchronized StoreResult store(String user, long mailboxId, long[] uids, FlagChange change,
                                          long unchangedSince) throws MailboxException {
        call("store " + uids.length + " " + change.mode());
        Box b = box(user, mailboxId);
        List<MessageState> updated = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        for (long uid : uids) {
            Message m = b.messages.get(uid);
            if (m == null) {
                continue;
            }
            if (unchangedSince > 0 && m.modseq > unchangedSince) {
                modified.add(uid);
                continue;
            }
            int flags = switch (change.mode()) {
                case REPLACE -> change.systemFlags();
                case ADD -> m.flags | change.systemFlags();
                case REMOVE -> m.flags & ~change.systemFlags();
            };
            List<String> kw = new ArrayList<>(change.mode() == FlagChange.Mode.REPLACE ? List.of() : m.keywords);
            for (String k : change.keywords()) {
                if (change.mode() == FlagChange.Mode.REMOVE) {
                    kw.removeIf(k::equalsIgnoreCase);
                } else if (kw.stream().noneMatch(k::equalsIgnoreCase)) {
                    kw.add(k);
                }
            }
            if (flags != m.flags || !kw.equals(m.keywords)) {
                m.flags = flags;
                m.keywords = List.copyOf(kw);
                m.modseq = ++b.modseq;
                updated.add(m.state());
            }
        }
        if (!updated.isEmpty()) {
            signals.accept(b.id);
        }
        return new StoreResult(updated, modified.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public synchronized CopyResult copy(String user, long mailboxId, long[] uids, String target, boolean move)
            throws MailboxException {
        call((move ? "move " : "copy ") + uids.length + " " + target);
        Box from = box(user, mailboxId);
        Box to = user(user).boxes.get(target);
        if (to == null) {
            throw new MailboxException(MailboxException.Code.TRYCREATE, "Target mailbox does not exist");
        }
        List<Long> source = new ArrayList<>();
        List<Long> copies = new ArrayList<>();
        for (long uid : uids) {
            Message m = from.messages.get(uid);
            if (m == null) {
                continue;
            }
            long newUid = to.uidNext++;
            to.messages.put(newUid, new Message(newUid, ++to.modseq, m.flags, m.keywords, m.internalDate, m.content));
            source.add(uid);
            copies.add(newUid);
            if (move) {
                from.messages.remove(uid);
                from.tombstones.put(uid, ++from.modseq);
            }
        }
        signals.accept(to.id);
        if (move) {
            signals.accept(from.id);
        }
        return new CopyResult(to.uidValidity, source.stream().mapToLong(Long::longValue).toArray(),
                copies.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public synchronized long[] expunge(String user, long mailboxId, long[] uids) throws MailboxException {
        call("expunge" + (uids == null ? "" : " " + uids.length));
        Box b = box(user, mailboxId);
        Set<Long> among = null;
        if (uids != null) {
            among = new java.util.HashSet<>();
            for (long u : uids) {
                among.add(u);
            }
        }
        List<Long> gone = new ArrayList<>();
        for (Message m : new ArrayList<>(b.messages.values())) {
            if ((m.flags & SystemFlags.DELETED) != 0 && (among == null || among.contains(m.uid))) {
                b.messages.remove(m.uid);
                b.tombstones.put(m.uid, ++b.modseq);
                gone.add(m.uid);
            }
        }
        if (!gone.isEmpty()) {
            signals.accept(b.id);
        }
        return gone.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public synchronized AppendResult append(String user, String mailbox, List<AppendItem> messages)
            throws MailboxException {
        call("append " + messages.size() + " " + mailbox);
        Box b = user(user).boxes.get(mailbox);
        if (b == null) {
            throw new MailboxException(MailboxException.Code.TRYCREATE, "Mailbox does not exist");
        }
        long used = usage(user);
        long[] uids = new long[messages.size()];
        List<Message> added = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            AppendItem item = messages.get(i);
            byte[] content;
            try (InputStream in = item.content().openStream()) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            used += content.length;
            if (storageLimit >= 0 && used > storageLimit) {
                throw new MailboxException(MailboxException.Code.OVERQUOTA, "Quota exceeded");
            }
            long uid = b.uidNext + i;
            uids[i] = uid;
            added.add(new Message(uid, b.modseq + 1 + i, item.systemFlags(), item.keywords(),
                    item.internalDate() == null ? Instant.parse("2026-11-21T09:30:00Z") : item.internalDate(), content));
        }
        for (Message m : added) {
            b.messages.put(m.uid, m);
        }
        b.uidNext += messages.size();
        b.modseq += messages.size();
        signals.accept(b.id);
        return new AppendResult(b.uidValidity, uids);
    }

    private long usage(String user) throws MailboxException {
        return user(user).boxes.values().stream().flatMap(b -> b.messages.values().stream())
                .mapToLong(m -> m.content.length).sum();
    }

    @Override
    public synchronized Quota quota(String user) throws MailboxException {
        call("quota");
        long count = user(user).boxes.values().stream().mapToLong(b -> b.messages.size()).sum();
        return new Quota(usage(user), storageLimit, count, -1);
    }

    /** The content of a message, for assertions. */
    public synchronized byte[] content(String user, String mailbox, long uid) throws MailboxException {
        return box(user, mailbox).messages.get(uid).content.clone();
    }

    /** The flags of a message, for assertions. */
    public synchronized int flags(String user, String mailbox, long uid) throws MailboxException {
        return box(user, mailbox).messages.get(uid).flags;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
