package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.imap.search.ReturnOption;
import org.postilion.connector.imap.search.SearchProgram;
import org.postilion.connector.imap.search.SearchResponses;
import org.postilion.connector.imap.search.SearchSyntaxException;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * SEARCH and UID SEARCH (RFC 9051 section 6.4.4) with ESEARCH results (RFC 4731; the only form under
 * IMAP4rev2), SEARCHRES's {@code SAVE} and {@code $} (RFC 5182) and CONDSTORE's MODSEQ (RFC 7162). The
 * program (parse and evaluation) is {@link SearchProgram}'s; this command feeds it the messages
 * ({@link Candidates}) and answers. A charset other than UTF-8 or US-ASCII is {@code NO [BADCHARSET (UTF-8)]}.
 * Expunges are not announced after SEARCH by sequence number.
 */
final class SearchCommand implements ImapCommand {

    private final boolean uid;

    SearchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public String name() {
        return uid ? "UID SEARCH" : "SEARCH";
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
        SearchProgram program;
        try {
            program = SearchProgram.parse(request.args(), session.utf8());
        } catch (SearchSyntaxException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(refusal(e));
        }
        if (program.hasModseq()) {
            session.enable(ImapSession.Extension.CONDSTORE);
        }
        return new Candidates(session, program, false, false).run().thenApply(matched -> {
            long[] numbers = matched.stream().mapToLong(c -> uid ? c.uid() : c.seq()).toArray();
            Long modseq = program.hasModseq() && !matched.isEmpty()
                    ? matched.stream().mapToLong(c -> c.state().modseq()).max().getAsLong() : null;
            long[] toSave = program.resultToSave(matched.stream().mapToLong(Candidates.Candidate::uid).toArray());
            if (toSave != null) {
                session.saveResult(toSave);
            }
            if (program.hasReturnClause() || session.rev2()) {
                Set<ReturnOption> options = program.returnOptions().isEmpty() ? EnumSet.of(ReturnOption.ALL)
                        : program.returnOptions();
                String line = SearchResponses.esearch(request.tag(), uid, options, numbers, modseq);
                if (line != null) {
                    session.write(line + "\r\n");
                }
            } else {
                session.write(SearchResponses.search(numbers, modseq) + "\r\n");
            }
            return Tagged.ok(name() + " completed");
        });
    }

    static Tagged refusal(SearchSyntaxException e) {
        return e.isBadCharset() ? Tagged.no("BADCHARSET (UTF-8)", "Unsupported charset")
                : Tagged.bad(e.getMessage() == null ? "Invalid search" : e.getMessage());
    }

}
