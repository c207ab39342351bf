package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.imap.search.SearchCandidate;
import org.postilion.connector.imap.search.SearchResponses;
import org.postilion.connector.imap.search.SearchSyntaxException;
import org.postilion.connector.imap.search.SortProgram;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SORT and UID SORT (RFC 5256 section 3): the search selects, {@link SortProgram} orders by the stored
 * descriptions, the answer is {@code * SORT n ...}.
 *
 * <p>XXX: the matched messages' descriptions are held until the sort is done (about 1 KiB each).
 */
final class SortCommand implements ImapCommand {

    private final boolean uid;

    SortCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public String name() {
        return uid ? "UID SORT" : "SORT";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.SELECT;
    }

    @Override
    public boolean expungeAllowed() {
        return uid;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        SortProgram program;
        try {
            program = SortProgram.parse(request.args(), session.utf8());
        } catch (SearchSyntaxException e) {
            return CompletableFuture.completedFuture(SearchCommand.refusal(e));
        }
        return new Candidates(session, program.search(), true, false).run().thenApply(matched -> {
            List<SearchCandidate> list = new ArrayList<>(matched);
            session.write(SearchResponses.sort(program.sort(list, uid)) + "\r\n");
            return Tagged.ok(name() + " completed");
        });
    }
}
