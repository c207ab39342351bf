package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * STARTTLS (RFC 9051 section 6.2.1). The connection starts TLS after the tagged OK and discards whatever the
 * client sent after the command before the handshake (it may have been injected on the path).
 */
final class StartTlsCommand implements ImapCommand {

    @Override
    public String name() {
        return "STARTTLS";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.NOT_AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 0, 0);
        if (session.isTls()) {
            return CompletableFuture.completedFuture(Tagged.bad("TLS is already active"));
        }
        if (!session.startTlsOffered()) {
            return CompletableFuture.completedFuture(Tagged.no("TLS is not available here"));
        }
        session.requestStartTls();
        return CompletableFuture.completedFuture(Tagged.ok("Begin TLS negotiation now"));
    }
}
