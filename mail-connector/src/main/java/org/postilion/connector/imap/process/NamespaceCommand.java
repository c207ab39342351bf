package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** NAMESPACE (RFC 2342, RFC 9051 section 6.3.10): one personal namespace, no prefix, {@code /} as separator. */
final class NamespaceCommand implements ImapCommand {

    @Override
    public String name() {
        return "NAMESPACE";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 0, 0);
        session.untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return CompletableFuture.completedFuture(Tagged.ok("NAMESPACE completed"));
    }
}
