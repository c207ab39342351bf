package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CLOSE (RFC 9051 section 6.4.1: expunges silently unless read-only, then deselects) and UNSELECT (RFC 3691,
 * section 6.4.2: deselects without expunging).
 */
final class CloseCommand implements ImapCommand {

    private final boolean unselect;

    CloseCommand(boolean unselect) {
        this.unselect = unselect;
    }

    @Override
    public String name() {
        return unselect ? "UNSELECT" : "CLOSE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.SELECT;
    }

    @Override
    public boolean syncAfter() {
        return false;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 0, 0);
        SelectedMailbox mailbox = session.selected();
        session.deselect();
        if (unselect || mailbox.readOnly()) {
            return CompletableFuture.completedFuture(Tagged.ok(name() + " completed"));
        }
        String user = session.user();
        return session.store(s -> s.expunge(user, mailbox.mailboxId(), null))
                .thenApply(x -> Tagged.ok("CLOSE completed"));
    }
}
