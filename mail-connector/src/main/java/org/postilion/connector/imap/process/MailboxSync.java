package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.spi.imap.MailboxChanges;
import org.postilion.connector.spi.imap.MessageState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Tells a client what changed in its selected mailbox (Dovecot's {@code imap-sync.c}): asks the store for
 * everything above the highest MODSEQ the session has seen and writes EXPUNGE (or VANISHED under QRESYNC),
 * EXISTS (and RECENT for IMAP4rev1), FLAGS and FETCH responses. Expunges wait for a moment where they are
 * allowed (RFC 9051 section 7.5.1); the view keeps their sequence numbers until then.
 */
public final class MailboxSync {

    private MailboxSync() {
    }

    /**
     * Asks the store and announces; completes on the event loop, never exceptionally (a failure waits). The
     * store is not asked when no change was signalled for the mailbox since the session's last answer (and that
     * answer is younger than the poll interval): then only expunges already known and now allowed are announced.
     * This is what keeps a command that changes nothing (FETCH, SEARCH, NOOP) at one store call, or none.
     */
    public static CompletionStage<Void> sync(ImapSession session, boolean expungeAllowed) {
        SelectedMailbox mailbox = session.selected();
        if (mailbox == null) {
            return CompletableFuture.completedFuture(null);
        }
        long generation = session.signals().generation(mailbox.mailboxId());
        if (mailbox.isFresh(generation, System.nanoTime(), session.settings().pollInterval())) {
            if (expungeAllowed) {
                announce(session, mailbox, flushPending(mailbox));
            }
            return CompletableFuture.completedFuture(null);
        }
        String user = session.user();
        long since = mailbox.highestModseq();
        return announce(session, mailbox, expungeAllowed, generation,
                session.store(s -> s.changes(user, mailbox.mailboxId(), since)));
    }

    /**
     * {@link #sync} for a session woken by a change signal (IDLE): the question may be shared with the other
     * sessions woken by the same signal ({@link org.postilion.connector.imap.ImapSignalHub#changes}). A
     * command's own sync always asks afresh, so that it sees what other sessions committed before it.
     */
    public static CompletionStage<Void> syncOnSignal(ImapSession session) {
        SelectedMailbox mailbox = session.selected();
        if (mailbox == null) {
            return CompletableFuture.completedFuture(null);
        }
        long generation = session.signals().generation(mailbox.mailboxId());
        return announce(session, mailbox, true, generation,
                session.signals().changes(session, mailbox.mailboxId(), mailbox.highestModseq()));
    }

    private static CompletionStage<Void> announce(ImapSession session, SelectedMailbox mailbox,
                                                  boolean expungeAllowed, long generation,
                                                  CompletionStage<MailboxChanges> asked) {
        return asked.handle((changes, e) -> {
            if (e == null && session.selected() == mailbox) {
                mailbox.synced(generation, System.nanoTime());
                SelectedMailbox.Update update = mailbox.apply(changes, expungeAllowed, session.condstore());
                if (update.existsChanged() && session.claimsRecent()) {
                    return claimRecent(session, mailbox).thenRun(() -> announce(session, mailbox, update));
                }
                announce(session, mailbox, update);
            } else if (e == null) {
                return CompletableFuture.<Void>completedFuture(null);
            } else if (expungeAllowed) {
                announce(session, mailbox, flushPending(mailbox));
            }
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(x -> x);
    }

    /**
     * Claims {@code \Recent} for the messages up to the view's UIDNEXT that no session has claimed (RFC 3501
     * section 2.3.2: recent in the first session told of them). Only when there is news, so that idle polls
     * stay read-only, and only by the first session on this node to know of it ({@code ImapSignalHub}).
     * Completes on the event loop, never exceptionally: a failed claim leaves the messages unclaimed, for the
     * next session.
     */
    public static CompletionStage<Void> claimRecent(ImapSession session, SelectedMailbox mailbox) {
        String user = session.user();
        long uidNext = mailbox.uidNext();
        if (!session.signals().firstToClaim(mailbox.mailboxId(), uidNext)) {
            return CompletableFuture.completedFuture(null); // another session here has them
        }
        return session.store(s -> s.claimRecent(user, mailbox.mailboxId(), uidNext)).handle((from, e) -> {
            if (e == null) {
                mailbox.claimedRecent(from, uidNext);
            }
            return null;
        });
    }

    private static SelectedMailbox.Update flushPending(SelectedMailbox mailbox) {
        List<Long> uids = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        mailbox.expungePending(uids, seqs);
        return new SelectedMailbox.Update(uids, seqs, false, List.of(), false);
    }

    /** Writes the responses for an update of the view. */
    public static void announce(ImapSession session, SelectedMailbox mailbox, SelectedMailbox.Update update) {
        expunged(session, update.expunged(), update.expungedSeqs());
        if (update.keywordsChanged()) {
            session.untagged("FLAGS " + flags(mailbox));
            session.untagged("OK [PERMANENTFLAGS " + permanentFlags(mailbox) + "] Flags permitted");
        }
        if (update.existsChanged()) {
            session.untagged(mailbox.count() + " EXISTS");
        }
        if (!session.rev2() && mailbox.recentDue(update.existsChanged())) {
            session.untagged(mailbox.recentCount() + " RECENT");
        }
        for (int seq : update.flagsChanged()) {
            session.untagged(seq + " FETCH " + flagsItem(session, mailbox, mailbox.state(seq), true));
        }
    }

    /** EXPUNGE responses in the order the view removed them, or one VANISHED under QRESYNC (RFC 7162). */
    public static void expunged(ImapSession session, List<Long> uids, List<Integer> seqs) {
        if (uids.isEmpty()) {
            return;
        }
        if (session.qresync()) {
            List<Long> sorted = new ArrayList<>(uids);
            Collections.sort(sorted);
            session.untagged("VANISHED " + SequenceSet.of(sorted.stream().mapToLong(Long::longValue).toArray()));
        } else {
            for (int seq : seqs) {
                session.untagged(seq + " EXPUNGE");
            }
        }
    }

    /** {@code (FLAGS (...) UID n MODSEQ (m))} for an unsolicited FETCH: UID under QRESYNC, MODSEQ under CONDSTORE. */
    public static String flagsItem(ImapSession session, SelectedMailbox mailbox, MessageState state,
                                   boolean withUid) {
        StringBuilder sb = new StringBuilder("(");
        if (withUid && session.qresync()) {
            sb.append("UID ").append(state.uid()).append(' ');
        }
        sb.append("FLAGS ").append(ImapSession.flagList(state.systemFlags(), mailbox.isRecent(state.uid()),
                state.keywords()));
        if (session.condstore()) {
            sb.append(" MODSEQ (").append(state.modseq()).append(')');
        }
        return sb.append(')').toString();
    }

    public static String flags(SelectedMailbox mailbox) {
        List<String> all = new ArrayList<>(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"));
        all.addAll(mailbox.keywords());
        return "(" + String.join(" ", all) + ")";
    }

    public static String permanentFlags(SelectedMailbox mailbox) {
        if (mailbox.readOnly()) {
            return "()";
        }
        List<String> all = new ArrayList<>(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"));
        all.addAll(mailbox.keywords());
        all.add("\\*");
        return "(" + String.join(" ", all) + ")";
    }
}
