package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.imap.search.SearchCandidate;
import org.postilion.connector.imap.search.SearchSyntaxException;
import org.postilion.connector.imap.search.ThreadProgram;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * THREAD and UID THREAD (RFC 5256 section 4): the search selects, {@link ThreadProgram} builds the threads
 * (REFERENCES or ORDEREDSUBJECT) from the stored descriptions and header blocks; the answer is
 * {@code * THREAD (...)}.
 */
final class ThreadCommand implements ImapCommand {

    private final boolean uid;

    ThreadCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public String name() {
        return uid ? "UID THREAD" : "THREAD";
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
        ThreadProgram program;
        try {
            program = ThreadProgram.parse(request.args(), session.utf8());
        } catch (SearchSyntaxException e) {
            return CompletableFuture.completedFuture(SearchCommand.refusal(e));
        }
        return new Candidates(session, program.search(), true, program.needsHeader()).run().thenApply(matched -> {
            List<SearchCandidate> list = new ArrayList<>(matched);
            session.write(program.thread(list, uid) + "\r\n");
            return Tagged.ok(name() + " completed");
        });
    }
}
