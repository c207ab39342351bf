package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RENAME (RFC 9051 section 6.3.6): the store renames children with it; renaming INBOX moves its messages to
 * the new mailbox and leaves INBOX empty.
 */
final class RenameCommand implements ImapCommand {

    @Override
    public String name() {
        return "RENAME";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 2, 2);
        String from = Args.mailbox(session, request.args().get(0));
        String to = Args.mailbox(session, request.args().get(1));
        while (to.endsWith("/")) {
            to = to.substring(0, to.length() - 1);
        }
        if (to.isEmpty()) {
            throw new Args.BadArguments("Invalid mailbox name");
        }
        if (to.equals("INBOX")) {
            return CompletableFuture.completedFuture(Tagged.no("ALREADYEXISTS", "INBOX exists"));
        }
        String user = session.user();
        String target = to;
        return session.store(s -> {
            s.rename(user, from, target);
            return null;
        }).thenApply(x -> Tagged.ok("RENAME completed"));
    }
}
