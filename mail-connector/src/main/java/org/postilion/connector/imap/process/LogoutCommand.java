package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** LOGOUT (RFC 9051 section 6.1.3): {@code * BYE}, the tagged OK, then the server closes. */
final class LogoutCommand implements ImapCommand {

    @Override
    public String name() {
        return "LOGOUT";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.ANY;
    }

    @Override
    public boolean syncAfter() {
        return false;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 0, 0);
        session.logout();
        return CompletableFuture.completedFuture(Tagged.ok("LOGOUT completed"));
    }
}
