package org.postilion.connector.imap;

import org.postilion.connector.spi.imap.MailboxChanges;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Where change signals of the store ({@link org.postilion.connector.spi.imap.MailboxSignals}, fed by the JMS
 * topic on every node) meet the sessions that have a mailbox selected: a signal for a mailbox wakes each of
 * its sessions on that session's event loop, where an IDLE session asks the store what changed. A burst of
 * signals is coalesced by the session (one poll at a time, one more if signals came during it).
 *
 * <p>Sessions woken by the same signal also share their question: all the sessions of one mailbox that know
 * the same MODSEQ (a mail client's several connections, or a team's shared INBOX logins) get the answer of one
 * store call ({@link #changes}) instead of asking one each. A session only joins a call that started after
 * the last signal for the mailbox, so that the answer it gets holds every change it was woken for.
 *
 * <p>Never blocks: {@link #accept} is called on the thread that committed the change.
 */
public final class ImapSignalHub implements LongConsumer {

    private final Map<Long, Watchers> mailboxes = new ConcurrentHashMap<>();

    /** The sessions that have one mailbox selected, the signals it got, and the change calls in flight. */
    private static final class Watchers {
        final Set<ImapSession> sessions = ConcurrentHashMap.newKeySet();
        final AtomicLong generation = new AtomicLong();
        /** The highest UIDNEXT up to which a session on this node claimed (or is claiming) {@code \Recent}. */
        final AtomicLong claimedUpTo = new AtomicLong();
        final Map<Asked, Call> inFlight = new ConcurrentHashMap<>();
    }

    private record Asked(String user, long sinceModseq) {
    }

    private record Call(long generation, CompletableFuture<MailboxChanges> answer) {
    }

    void register(long mailboxId, ImapSession session) {
        mailboxes.computeIfAbsent(mailboxId, k -> new Watchers()).sessions.add(session);
    }

    void unregister(long mailboxId, ImapSession session) {
        mailboxes.computeIfPresent(mailboxId, (k, w) -> {
            w.sessions.remove(session);
            return w.sessions.isEmpty() ? null : w;
        });
    }

    /** A mailbox changed. */
    @Override
    public void accept(long mailboxId) {
        Watchers w = mailboxes.get(mailboxId);
        if (w != null) {
            w.generation.incrementAndGet(); // before the wakes: calls in flight no longer answer them
            for (ImapSession s : w.sessions) {
                s.executor().execute(s::wake);
            }
        }
    }

    /**
     * What changed in the session's selected mailbox above a MODSEQ, asked of the store or taken from a call
     * another session of the same user made for the same MODSEQ since the mailbox's last signal. Completes on
     * the session's event loop.
     */
    public CompletionStage<MailboxChanges> changes(ImapSession session, long mailboxId, long sinceModseq) {
        String user = session.user();
        Watchers w = mailboxes.get(mailboxId);
        if (w == null) {
            return session.store(s -> s.changes(user, mailboxId, sinceModseq));
        }
        Asked asked = new Asked(user, sinceModseq);
        long generation = w.generation.get();
        Call mine = new Call(generation, new CompletableFuture<>());
        Call call = w.inFlight.compute(asked, (k, old) -> old != null && old.generation() == generation ? old : mine);
        if (call == mine) {
            session.store(s -> s.changes(user, mailboxId, sinceModseq)).whenComplete((c, e) -> {
                w.inFlight.remove(asked, mine);
                if (e == null) {
                    mine.answer().complete(c);
                } else {
                    mine.answer().completeExceptionally(e);
                }
            });
            return mine.answer(); // session.store completes on this session's event loop
        }
        CompletableFuture<MailboxChanges> answer = new CompletableFuture<>();
        call.answer().whenComplete((c, e) -> session.executor().execute(() -> {
            if (e == null) {
                answer.complete(c);
            } else {
                answer.completeExceptionally(e);
            }
        }));
        return answer;
    }

    /**
     * How many signals a mailbox has had since its first session on this node selected it; -1 when no session
     * has it selected. A session that saw the store's answer at one generation knows that nothing changed as
     * long as the generation stays the same: every commit on this node signals before its call returns, and
     * every commit elsewhere as soon as its notice arrives.
     */
    public long generation(long mailboxId) {
        Watchers w = mailboxes.get(mailboxId);
        return w == null ? -1 : w.generation.get();
    }

    /**
     * Whether a session that knows the mailbox up to {@code uidNext} should ask the store for {@code \Recent}:
     * not when another session on this node already claimed, or is claiming, up to there. A message is recent in
     * one session only, so when a delivery wakes a thousand sessions of one mailbox, one of them asks the store
     * (whose row lock still decides between nodes) instead of all. The caller that gets true claims.
     */
    public boolean firstToClaim(long mailboxId, long uidNext) {
        Watchers w = mailboxes.get(mailboxId);
        return w == null || w.claimedUpTo.getAndAccumulate(uidNext, Math::max) < uidNext;
    }

    /** Sessions with a mailbox selected (for tests and monitoring). */
    public int size() {
        return mailboxes.values().stream().mapToInt(w -> w.sessions.size()).sum();
    }
}
