package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * NOOP (RFC 9051 section 6.1.2) and CHECK (RFC 3501 section 6.4.1, a NOOP in IMAP4rev2): nothing but the
 * synchronisation the dispatcher does after every command, which is what clients poll with.
 */
final class NoopCommand implements ImapCommand {

    private final String name;

    NoopCommand(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ImapState> states() {
        return name.equals("CHECK") ? ImapState.SELECT : ImapState.ANY;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 0, 0);
        return CompletableFuture.completedFuture(Tagged.ok(name + " completed"));
    }
}
