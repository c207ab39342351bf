package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * EXPUNGE (RFC 9051 section 6.4.3) and UID EXPUNGE (UIDPLUS, section 6.4.9): the store removes the messages
 * flagged {@code \Deleted} (among the set for UID EXPUNGE); each is announced as {@code * n EXPUNGE}, highest
 * first, or as one {@code * VANISHED} under QRESYNC.
 */
final class ExpungeCommand implements ImapCommand {

    private final boolean uid;

    ExpungeCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public String name() {
        return uid ? "UID EXPUNGE" : "EXPUNGE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.SELECT;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), uid ? 1 : 0, uid ? 1 : 0);
        SelectedMailbox mailbox = session.selected();
        long[] uids = null;
        if (uid) {
            int[] seqs = FetchCommand.resolve(session, mailbox, Args.sequenceSet(request.args().get(0)), true);
            uids = Arrays.stream(seqs).mapToLong(mailbox::uid).toArray();
            if (uids.length == 0) {
                return CompletableFuture.completedFuture(Tagged.ok("UID EXPUNGE completed"));
            }
        }
        if (mailbox.readOnly()) {
            return CompletableFuture.completedFuture(Tagged.no("READ-ONLY", "Mailbox is read-only"));
        }
        String user = session.user();
        long[] target = uids;
        return session.store(s -> s.expunge(user, mailbox.mailboxId(), target)).thenApply(expunged -> {
            removed(session, mailbox, expunged);
            return Tagged.ok(name() + " completed");
        });
    }

    /** Removes messages from the view and announces them, highest sequence number first. */
    static void removed(ImapSession session, SelectedMailbox mailbox, long[] expunged) {
        long[] sorted = expunged.clone();
        Arrays.sort(sorted);
        List<Long> uids = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        for (int i = sorted.length - 1; i >= 0; i--) {
            int s = mailbox.remove(sorted[i]);
            if (s > 0) {
                uids.add(sorted[i]);
                seqs.add(s);
            }
        }
        MailboxSync.expunged(session, uids, seqs);
    }
}
