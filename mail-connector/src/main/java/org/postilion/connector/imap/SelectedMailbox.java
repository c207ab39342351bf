package org.postilion.connector.imap;

import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.spi.imap.MailboxChanges;
import org.postilion.connector.spi.imap.MailboxSnapshot;
import org.postilion.connector.spi.imap.MessageState;
import org.postilion.connector.spi.imap.UidSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One session's view of its selected mailbox: the messages it has announced, by ascending UID (sequence number
 * = index + 1), their flags as last announced, and the highest MODSEQ it has asked the store about. The store
 * knows only UIDs; sequence numbers exist here alone (RFC 9051 section 2.3.1.2).
 *
 * <p>Expunges the store reports are kept <em>pending</em> until a moment where RFC 9051 section 7.5.1 allows
 * announcing them (never during FETCH, STORE or SEARCH), so that sequence numbers never shift under a client's
 * command; until then the message keeps its number and its last flags.
 *
 * <p>{@code \Recent} (IMAP4rev1): the UID ranges this session claimed from the store, one range per claim
 * (at SELECT, and whenever new messages came), so a handful however many messages are recent.
 *
 * <p>Memory: 9 octets per message ({@link MessageTable}), plus the keywords of the few messages that have any;
 * a session idling on a 10000-message INBOX holds about 90 KiB.
 */
public final class SelectedMailbox {

    private final long mailboxId;
    private final String name;
    private final long uidValidity;
    private final boolean readOnly;
    private long uidNext;
    private long highestModseq;
    private List<String> keywords;
    private final MessageTable table;
    private final Map<Long, List<String>> keywordsByUid = new HashMap<>();
    private final TreeSet<Long> pendingExpunges = new TreeSet<>();
    /** The claimed ranges [from, to) as pairs, ascending and disjoint: claims only go up. */
    private long[] recent = new long[0];
    private int announcedRecent;

    /** The signal generation and the time (nanoTime) of the last answer of the store: see {@link #isFresh}. */
    private long syncedGeneration = -1;
    private long syncedAt;

    public SelectedMailbox(MailboxSnapshot snapshot, boolean readOnly) {
        this.mailboxId = snapshot.mailboxId();
        this.name = snapshot.name();
        this.uidValidity = snapshot.uidValidity();
        this.readOnly = readOnly;
        this.uidNext = snapshot.uidNext();
        this.highestModseq = snapshot.highestModseq();
        this.keywords = List.copyOf(snapshot.keywords());
        this.table = new MessageTable(snapshot.messages().size());
        for (MessageState m : snapshot.messages()) {
            append(m);
        }
    }

    public long mailboxId() {
        return mailboxId;
    }

    public String name() {
        return name;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidNext() {
        return uidNext;
    }

    public long highestModseq() {
        return highestModseq;
    }

    public List<String> keywords() {
        return keywords;
    }

    /** Records that the view took the store's changes as of a signal generation ({@link ImapSignalHub}). */
    public void synced(long generation, long nanoTime) {
        syncedGeneration = generation;
        syncedAt = nanoTime;
    }

    /**
     * Whether asking the store again would bring nothing: no signal came for the mailbox since the view's last
     * answer, which is younger than {@code maxAge} (a bound for a signal lost on its way from another node).
     */
    public boolean isFresh(long generation, long nanoTime, Duration maxAge) {
        return generation >= 0 && generation == syncedGeneration && nanoTime - syncedAt < maxAge.toNanos();
    }

    /** The number of messages announced (EXISTS). */
    public int count() {
        return table.size();
    }

    public long uid(int seq) {
        return table.uid(seq - 1);
    }

    public MessageState state(int seq) {
        long uid = table.uid(seq - 1);
        return new MessageState(uid, table.modseq(seq - 1), table.flags(seq - 1),
                keywordsByUid.getOrDefault(uid, List.of()));
    }

    private void set(int index, MessageState m) {
        table.set(index, m.modseq(), m.systemFlags());
        keywords(m);
    }

    private void append(MessageState m) {
        table.append(m.uid(), m.modseq(), m.systemFlags());
        keywords(m);
    }

    private void keywords(MessageState m) {
        if (m.keywords().isEmpty()) {
            keywordsByUid.remove(m.uid());
        } else {
            keywordsByUid.put(m.uid(), m.keywords());
        }
    }

    /** Removes the message at an index, closing the gap. */
    private void removeAt(int index) {
        keywordsByUid.remove(table.uid(index));
        table.removeAt(index);
    }

    /** The sequence number of a UID, or -1 when the view does not hold it. */
    public int seq(long uid) {
        int i = table.indexOf(uid);
        return i < 0 ? -1 : i + 1;
    }

    /** The largest UID in the view, 0 when empty. */
    public long lastUid() {
        return table.lastUid();
    }

    /** Records a claim of {@code \Recent}: the UIDs in [from, to) are recent in this session. */
    public void claimedRecent(long from, long to) {
        long low = recent.length == 0 ? from : Math.max(from, recent[recent.length - 1]);
        if (low >= to) {
            return;
        }
        if (recent.length > 0 && recent[recent.length - 1] == low) {
            recent[recent.length - 1] = to;
            return;
        }
        recent = Arrays.copyOf(recent, recent.length + 2);
        recent[recent.length - 2] = low;
        recent[recent.length - 1] = to;
    }

    /** Whether a message is {@code \Recent} in this session. */
    public boolean isRecent(long uid) {
        for (int i = 0; i < recent.length; i += 2) {
            if (uid < recent[i]) {
                return false;
            }
            if (uid < recent[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The number of messages in the view that are {@code \Recent} (RECENT). */
    public int recentCount() {
        int n = 0;
        for (int i = 0; i < recent.length; i += 2) {
            n += lowerBound(recent[i + 1]) - lowerBound(recent[i]);
        }
        return n;
    }

    /** The UIDs in the view that are {@code \Recent}, ascending (SEARCH RECENT, NEW, OLD). */
    public long[] recentUids() {
        long[] out = new long[recentCount()];
        int k = 0;
        for (int i = 0; i < recent.length; i += 2) {
            for (int x = lowerBound(recent[i]), to = lowerBound(recent[i + 1]); x < to; x++) {
                out[k++] = table.uid(x);
            }
        }
        return out;
    }

    /**
     * Whether a {@code * n RECENT} is due: after EXISTS (RFC 3501 section 7.3.2), or when the count changed
     * since the last one (as Dovecot's {@code imap-sync.c}). Records the count as announced.
     */
    public boolean recentDue(boolean existsChanged) {
        int n = recentCount();
        boolean due = existsChanged || n != announcedRecent;
        announcedRecent = n;
        return due;
    }

    public boolean isExpungePending(long uid) {
        return pendingExpunges.contains(uid);
    }

    /**
     * The sequence numbers a set names, ascending. For a UID set, the messages whose UID is in it ({@code *}
     * the largest UID, so {@code n:*} always names at least the last message when there is one, RFC 9051
     * section 6.4.8); for a message set, {@code *} is the number of messages.
     *
     * @throws IllegalArgumentException for a message number that does not exist (answered BAD)
     */
    public int[] resolve(SequenceSet set, boolean byUid) {
        int size = table.size();
        if (size == 0) {
            if (!byUid) {
                throw new IllegalArgumentException("No messages: invalid message sequence number");
            }
            return new int[0];
        }
        // each range as an interval of indexes, then sorted and merged: linear in the ranges and the result,
        // however the client repeats or interleaves them (1:*,1:*,... or 1,3,5,...)
        List<int[]> intervals = new ArrayList<>(set.ranges().size());
        for (SequenceSet.Range r : set.ranges()) {
            if (byUid) {
                long star = lastUid();
                int from = lowerBound(r.low(star));
                int to = lowerBound(r.high(star) + 1) - 1;
                if (from <= to) {
                    intervals.add(new int[] {from, to});
                }
            } else {
                long lo = r.low(size);
                long hi = r.high(size);
                if (hi > size || lo < 1) {
                    throw new IllegalArgumentException("Invalid message sequence number: " + (hi > size ? hi : lo));
                }
                intervals.add(new int[] {(int) lo - 1, (int) hi - 1});
            }
        }
        intervals.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        int total = 0;
        for (int[] i : intervals) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && i[0] <= last[1] + 1) {
                if (i[1] > last[1]) {
                    total += i[1] - last[1];
                    last[1] = i[1];
                }
            } else {
                merged.add(new int[] {i[0], i[1]});
                total += i[1] - i[0] + 1;
            }
        }
        int[] seqs = new int[total];
        int k = 0;
        for (int[] i : merged) {
            for (int x = i[0]; x <= i[1]; x++) {
                seqs[k++] = x + 1;
            }
        }
        return seqs;
    }

    private int lowerBound(long uid) {
        int i = table.indexOf(uid);
        return i >= 0 ? i : -i - 1;
    }

    /** Records a message's new state (after this session's STORE, or a change announced). */
    public void update(MessageState state) {
        int s = seq(state.uid());
        if (s > 0) {
            set(s - 1, state);
        }
    }

    /** Removes a message now (EXPUNGE, MOVE of this session); returns its sequence number before, or -1. */
    public int remove(long uid) {
        int s = seq(uid);
        if (s < 0) {
            return -1;
        }
        removeAt(s - 1);
        pendingExpunges.remove(uid);
        return s;
    }

    /** What a change of the store means for the client, as untagged responses to send in this order. */
    public record Update(List<Long> expunged, List<Integer> expungedSeqs, boolean existsChanged,
                         List<Integer> flagsChanged, boolean keywordsChanged) {
        public boolean isEmpty() {
            return expunged.isEmpty() && !existsChanged && flagsChanged.isEmpty() && !keywordsChanged;
        }
    }

    /**
     * Takes what changed since {@link #highestModseq}: new messages join the view, flag changes are recorded,
     * expunges wait until {@code expungeAllowed} (then all pending ones are removed, in descending order of
     * sequence number so that each number is the one the client knows when it reads it).
     *
     * @param announceModseq whether a change of MODSEQ alone counts as a change (CONDSTORE enabled)
     */
    public Update apply(MailboxChanges changes, boolean expungeAllowed, boolean announceModseq) {
        markVanished(changes.vanished());
        boolean exists = false;
        List<Long> changedUids = new ArrayList<>();
        for (MessageState m : changes.changed()) {
            int s = seq(m.uid());
            if (s > 0) {
                MessageState old = state(s);
                if (old.systemFlags() != m.systemFlags() || !Objects.equals(old.keywords(), m.keywords())
                        || (announceModseq && old.modseq() != m.modseq())) {
                    changedUids.add(m.uid());
                }
                set(s - 1, m);
            } else if (m.uid() > lastUid() && !changes.vanished().contains(m.uid())) {
                append(m);
                exists = true;
            }
        }
        boolean keywordsChanged = addKeywords(changes.keywords());
        highestModseq = Math.max(highestModseq, changes.highestModseq());
        uidNext = Math.max(uidNext, changes.uidNext());
        List<Long> expunged = new ArrayList<>();
        List<Integer> expungedSeqs = new ArrayList<>();
        if (expungeAllowed) {
            expungePending(expunged, expungedSeqs);
        }
        List<Integer> flagSeqs = new ArrayList<>();
        for (long uid : changedUids) {
            int s = seq(uid);
            if (s > 0 && !pendingExpunges.contains(uid)) {
                flagSeqs.add(s);
            }
        }
        return new Update(expunged, expungedSeqs, exists, flagSeqs, keywordsChanged);
    }

    /** Removes the pending expunges, highest first; fills the UIDs and the sequence numbers announced. */
    public void expungePending(List<Long> expunged, List<Integer> seqs) {
        for (Long uid : pendingExpunges.descendingSet()) {
            int s = seq(uid);
            if (s > 0) {
                seqs.add(s);
                expunged.add(uid);
                removeAt(s - 1);
            }
        }
        pendingExpunges.clear();
    }

    /** Adds a keyword the session just used (STORE of a new keyword), so FLAGS can list it. */
    public boolean addKeywords(List<String> used) {
        List<String> all = new ArrayList<>(keywords);
        boolean added = false;
        for (String k : used) {
            if (all.stream().noneMatch(x -> x.equalsIgnoreCase(k))) {
                all.add(k);
                added = true;
            }
        }
        if (added) {
            keywords = List.copyOf(all);
        }
        return added;
    }

    /**
     * Marks the messages of the view that are in {@code vanished} as pending expunges: by range, each found by
     * binary search, so a superset of millions of UIDs (after the store pruned tombstones) costs its ranges and
     * the messages it hits, not its size.
     */
    private void markVanished(UidSet vanished) {
        for (int r = 0; r < vanished.rangeCount(); r++) {
            int i = table.indexOf(vanished.from(r));
            if (i < 0) {
                i = -i - 1;
            }
            for (; i < table.size() && table.uid(i) <= vanished.to(r); i++) {
                pendingExpunges.add(table.uid(i));
            }
        }
    }
}
