package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 9051 sections 6.3.7 and 6.3.8). */
final class SubscribeCommand implements ImapCommand {

    private final boolean subscribe;

    SubscribeCommand(boolean subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public String name() {
        return subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 1);
        String name = Args.mailbox(session, request.args().get(0));
        String user = session.user();
        return session.store(s -> {
            s.subscribe(user, name, subscribe);
            return null;
        }).thenApply(x -> Tagged.ok(name() + " completed"));
    }
}
