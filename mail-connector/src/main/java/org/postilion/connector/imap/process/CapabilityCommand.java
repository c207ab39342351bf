package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** CAPABILITY (RFC 9051 section 6.1.1): what the server offers in the session's state. */
final class CapabilityCommand implements ImapCommand {

    @Override
    public String name() {
        return "CAPABILITY";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.ANY;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 0, 0);
        session.untagged("CAPABILITY " + session.capabilities());
        return CompletableFuture.completedFuture(Tagged.ok("CAPABILITY completed"));
    }
}
