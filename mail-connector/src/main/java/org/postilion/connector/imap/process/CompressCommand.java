package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** COMPRESS DEFLATE (RFC 4978): the connection compresses both ways after the tagged OK. */
final class CompressCommand implements ImapCommand {

    @Override
    public String name() {
        return "COMPRESS";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 1);
        if (!Args.atom(request.args().get(0), "a mechanism").equalsIgnoreCase("DEFLATE")) {
            return CompletableFuture.completedFuture(Tagged.bad("Unknown compression mechanism"));
        }
        if (session.isCompressed()) {
            return CompletableFuture.completedFuture(Tagged.no("COMPRESSIONACTIVE", "Compression is already active"));
        }
        session.requestCompress();
        return CompletableFuture.completedFuture(Tagged.ok("DEFLATE active"));
    }
}
