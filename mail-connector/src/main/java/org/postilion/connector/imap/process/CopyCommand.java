package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.CopyResult;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * COPY, MOVE and their UID forms (RFC 9051 sections 6.4.7 and 6.4.8, RFC 6851): the store copies (content
 * shared) or moves in one transaction; {@code [COPYUID validity source target]} (UIDPLUS) in the tagged OK of
 * a COPY, in an untagged OK before the expunges of a MOVE; {@code NO [TRYCREATE]} when the target is missing.
 */
final class CopyCommand implements ImapCommand {

    private final boolean uid;
    private final boolean move;

    CopyCommand(boolean uid, boolean move) {
        this.uid = uid;
        this.move = move;
    }

    @Override
    public String name() {
        return (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.SELECT;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 2, 2);
        SelectedMailbox mailbox = session.selected();
        int[] seqs = FetchCommand.resolve(session, mailbox, Args.sequenceSet(request.args().get(0)), uid);
        String target = Args.mailbox(session, request.args().get(1));
        if (move && mailbox.readOnly()) {
            return CompletableFuture.completedFuture(Tagged.no("READ-ONLY", "Mailbox is read-only"));
        }
        long[] uids = Arrays.stream(seqs).mapToLong(mailbox::uid).toArray();
        if (uids.length == 0) {
            return CompletableFuture.completedFuture(Tagged.ok(name() + " completed"));
        }
        String user = session.user();
        return session.store(s -> s.copy(user, mailbox.mailboxId(), uids, target, move)).thenApply(result -> {
            String code = copyUid(result);
            if (!move) {
                return code == null ? Tagged.ok("COPY completed") : Tagged.ok(code, "COPY completed");
            }
            if (code != null) {
                session.untagged("OK [" + code + "] Moved");
            }
            ExpungeCommand.removed(session, mailbox, result.sourceUids());
            return Tagged.ok(name() + " completed");
        });
    }

    static String copyUid(CopyResult r) {
        if (r.sourceUids().length == 0) {
            return null;
        }
        return "COPYUID " + r.targetUidValidity() + " " + SequenceSet.of(r.sourceUids()) + " "
                + SequenceSet.of(r.targetUids());
    }
}
