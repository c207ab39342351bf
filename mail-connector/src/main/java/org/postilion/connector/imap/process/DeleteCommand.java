package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DELETE (RFC 9051 section 6.3.5): never INBOX; the store refuses a mailbox with children. */
final class DeleteCommand implements ImapCommand {

    @Override
    public String name() {
        return "DELETE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 1);
        String name = Args.mailbox(session, request.args().get(0));
        if (name.equals("INBOX")) {
            return CompletableFuture.completedFuture(Tagged.no("CANNOT", "INBOX cannot be deleted"));
        }
        String user = session.user();
        if (session.selected() != null && session.selected().name().equals(name)) {
            // RFC 9051 section 6.3.5: deleting the selected mailbox ends the selection
            session.deselect();
            session.untagged("OK [CLOSED] Selected mailbox deleted");
        }
        return session.store(s -> {
            s.delete(user, name);
            return null;
        }).thenApply(x -> Tagged.ok("DELETE completed"));
    }
}
