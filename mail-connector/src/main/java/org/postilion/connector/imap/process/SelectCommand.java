package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.MailboxChanges;
import org.postilion.connector.spi.imap.MessageState;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SELECT and EXAMINE (RFC 9051 sections 6.3.2 and 6.3.3), with the CONDSTORE parameter (RFC 7162 section
 * 3.1.8) and QRESYNC's {@code (QRESYNC (uidvalidity modseq [known-uids]))} (section 3.2.5), which answers
 * with {@code * VANISHED (EARLIER)} and the FETCH of what changed since. Selecting while a mailbox is
 * selected closes it first ({@code * OK [CLOSED]}); a failed SELECT leaves none selected.
 *
 * <p>{@code \Recent} (RFC 3501 section 2.3.2, as Dovecot keeps it): a SELECT of an IMAP4rev1 session claims
 * the messages no session has claimed yet, which are recent in it alone ({@code * n RECENT}); EXAMINE and
 * IMAP4rev2 sessions claim nothing.
 */
final class SelectCommand implements ImapCommand {

    private final boolean examine;

    SelectCommand(boolean examine) {
        this.examine = examine;
    }

    @Override
    public String name() {
        return examine ? "EXAMINE" : "SELECT";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public boolean syncAfter() {
        return false;
    }

    private record Qresync(long uidValidity, long modseq, SequenceSet knownUids) {
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 2);
        String name = Args.mailbox(session, request.args().get(0));
        Qresync qresync = null;
        if (request.args().size() == 2) {
            List<ImapArg> params = Args.list(request.args().get(1), "select parameters");
            for (int i = 0; i < params.size(); i++) {
                String p = Args.upper(Args.atom(params.get(i), "a select parameter"));
                if (p.equals("CONDSTORE")) {
                    session.enable(ImapSession.Extension.CONDSTORE);
                } else if (p.equals("QRESYNC") && i + 1 < params.size()) {
                    if (!session.qresync()) {
                        throw new Args.BadArguments("QRESYNC is not enabled");
                    }
                    List<ImapArg> q = Args.list(params.get(++i), "QRESYNC parameters");
                    if (q.size() < 2 || q.size() > 4) {
                        throw new Args.BadArguments("Invalid QRESYNC parameters");
                    }
                    long validity = Args.number(q.get(0), "UIDVALIDITY");
                    long modseq = Args.number(q.get(1), "MODSEQ");
                    SequenceSet known = q.size() >= 3 && !Args.isList(q.get(2)) ? Args.sequenceSet(q.get(2)) : null;
                    qresync = new Qresync(validity, modseq, known);
                } else {
                    throw new Args.BadArguments("Unknown select parameter " + p);
                }
            }
        }
        boolean wasSelected = session.selected() != null;
        session.deselect();
        if (wasSelected) {
            session.untagged("OK [CLOSED] Previous mailbox closed");
        }
        String user = session.user();
        Qresync q = qresync;
        return session.store(s -> s.select(user, name)).thenCompose(snapshot -> {
            SelectedMailbox mailbox = new SelectedMailbox(snapshot, examine);
            session.select(mailbox);
            if (session.claimsRecent() && snapshot.firstRecentUid() < snapshot.uidNext()) {
                return MailboxSync.claimRecent(session, mailbox).thenCompose(x -> opened(session, mailbox, q));
            }
            return opened(session, mailbox, q);
        }).exceptionally(e -> {
            session.deselect();
            return ImapSession.failure(e);
        });
    }

    /** The untagged responses of a successful SELECT, and the QRESYNC resynchronisation. */
    private CompletionStage<Tagged> opened(ImapSession session, SelectedMailbox mailbox, Qresync q) {
        String user = session.user();
        session.untagged("FLAGS " + MailboxSync.flags(mailbox));
        session.untagged(mailbox.count() + " EXISTS");
        if (!session.rev2()) {
            mailbox.recentDue(true);
            session.untagged(mailbox.recentCount() + " RECENT");
            // RFC 3501 section 6.3.1 (erratum 3032): the first unseen message, if there is one
            for (int seq = 1; seq <= mailbox.count(); seq++) {
                if (!mailbox.state(seq).has(org.postilion.connector.spi.imap.SystemFlags.SEEN)) {
                    session.untagged("OK [UNSEEN " + seq + "] First unseen");
                    break;
                }
            }
        }
        session.untagged("OK [UIDVALIDITY " + mailbox.uidValidity() + "] UIDs valid");
        session.untagged("OK [UIDNEXT " + mailbox.uidNext() + "] Predicted next UID");
        session.untagged("OK [PERMANENTFLAGS " + MailboxSync.permanentFlags(mailbox) + "] Flags permitted");
        session.untagged("OK [HIGHESTMODSEQ " + mailbox.highestModseq() + "] Highest");
        if (session.rev2()) {
            session.untagged("LIST () \"/\" " + session.mailboxName(mailbox.name()));
        }
        Tagged done = Tagged.ok(examine ? "READ-ONLY" : "READ-WRITE", name() + " completed");
        if (q == null || q.uidValidity() != mailbox.uidValidity()) {
            return CompletableFuture.completedFuture(done);
        }
        return session.store(s -> s.changes(user, mailbox.mailboxId(), q.modseq()))
                .thenApply(changes -> {
                    resync(session, mailbox, changes, q);
                    return done;
                });
    }

    private static void resync(ImapSession session, SelectedMailbox mailbox, MailboxChanges changes, Qresync q) {
        long star = Math.max(mailbox.lastUid(), mailbox.uidNext() - 1);
        String vanished = VanishedEarlier.response(changes.vanished(), q.knownUids(), star);
        if (vanished != null) {
            session.untagged(vanished);
        }
        for (MessageState m : changes.changed()) {
            int seq = mailbox.seq(m.uid());
            if (seq > 0) {
                session.untagged(seq + " FETCH (UID " + m.uid() + " FLAGS "
                        + ImapSession.flagList(m.systemFlags(), mailbox.isRecent(m.uid()), m.keywords())
                        + " MODSEQ (" + m.modseq() + "))");
            }
        }
    }
}
