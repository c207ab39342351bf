package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;
import org.postilion.connector.imap.search.Fixtures.Msg;
import org.postilion.connector.spi.imap.SystemFlags;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.postilion.connector.imap.search.Fixtures.args;
import static org.postilion.connector.imap.search.Fixtures.env;

/**
 * Whole commands as a session runs them: parse, match every message in sequence order, answer. The mailbox
 * is made so that the RFC examples' answers come out: messages 2, 10 and 11 are flagged, sent since
 * 1-Feb-1994, and not from Smith.
 */
class SearchFlowTest {

    private static final List<Msg> MAILBOX = mailbox();

    private static List<Msg> mailbox() {
        List<Msg> box = new ArrayList<>();
        for (int seq = 1; seq <= 12; seq++) {
            boolean hit = seq == 2 || seq == 10 || seq == 11;
            String from = seq == 5 ? "John Smith <smith@example.com>" : "Terry Gray <gray@example.org>";
            int flags = hit || seq == 5 ? SystemFlags.FLAGGED : 0;
            String internal = seq == 7 ? "1994-01-15T10:00:00Z" : "1994-02-0" + Math.min(9, seq) + "T10:00:00Z";
            box.add(Msg.of(seq, 1000L + seq * 2).flags(seq == 7 ? SystemFlags.FLAGGED : flags).internal(internal)
                    .modseq(917162488L + seq)
                    .envelope(env("Tue, 1 Feb 1994 10:00:00 +0000", "s" + seq, from, null, null, null, null)));
        }
        return box;
    }

    private static final SearchContext CONTEXT = new SearchContext(12, 1024, null, new long[0], ZoneOffset.UTC);

    private static String run(String tag, boolean uid, String arguments, boolean rev2) throws SearchSyntaxException {
        SearchProgram p = SearchProgram.parse(args(arguments), rev2);
        List<Long> found = new ArrayList<>();
        long highest = 0;
        for (Msg m : MAILBOX) {
            if (p.matches(m, CONTEXT)) {
                found.add(uid ? m.uid() : m.seq());
                highest = Math.max(highest, m.modseq());
            }
        }
        long[] numbers = found.stream().mapToLong(Long::longValue).toArray();
        Long modseq = p.hasModseq() ? highest : null;
        if (!rev2 && !p.hasReturnClause()) {
            return SearchResponses.search(numbers, modseq);
        }
        return SearchResponses.esearch(tag, uid, p.returnOptions(), numbers, modseq);
    }

    @Test
    void rfc3501SearchAnswer() throws SearchSyntaxException {
        assertEquals("* SEARCH 2 10 11", run("A282", false, "FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"", false));
    }

    @Test
    void rfc4731MinCount() throws SearchSyntaxException {
        assertEquals("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3",
                run("A282", false, "RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"", false));
    }

    @Test
    void rfc4731EmptyReturnIsAll() throws SearchSyntaxException {
        assertEquals("* ESEARCH (TAG \"A283\") ALL 2,10:11",
                run("A283", false, "RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"", false));
    }

    @Test
    void rev2AnswersEsearchWithoutReturn() throws SearchSyntaxException {
        assertEquals("* ESEARCH (TAG \"A284\") UID ALL 1004,1020,1022",
                run("A284", true, "FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"", true));
    }

    @Test
    void rev2CountWithNothingFound() throws SearchSyntaxException {
        assertEquals("* ESEARCH (TAG \"A285\") COUNT 0", run("A285", false, "RETURN (COUNT) KEYWORD $Junk", true));
    }

    @Test
    void condstoreAddsTheHighestModseq() throws SearchSyntaxException {
        assertEquals("* SEARCH 10 11 (MODSEQ 917162499)",
                run("a", false, "MODSEQ 917162498 FLAGGED NOT FROM Smith", false));
        assertEquals("* ESEARCH (TAG \"a\") ALL 10:11 MODSEQ 917162499",
                run("a", false, "RETURN (ALL) MODSEQ 917162498 FLAGGED NOT FROM Smith", false));
    }

    @Test
    void saveAloneAnswersNothingAndSavesEverything() throws SearchSyntaxException {
        SearchProgram p = SearchProgram.parse(args("RETURN (SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\""), true);
        List<Long> uids = new ArrayList<>();
        for (Msg m : MAILBOX) {
            if (p.matches(m, CONTEXT)) {
                uids.add(m.uid());
            }
        }
        long[] found = uids.stream().mapToLong(Long::longValue).toArray();

        assertNull(SearchResponses.esearch("A286", false, p.returnOptions(), found, null));
        long[] saved = p.resultToSave(found);
        SearchContext next = new SearchContext(12, 1024, saved, new long[0], ZoneOffset.UTC);
        SearchProgram again = SearchProgram.parse(args("$ NOT 2"), true);
        List<Integer> seqs = new ArrayList<>();
        for (Msg m : MAILBOX) {
            if (again.matches(m, next)) {
                seqs.add(m.seq());
            }
        }
        assertEquals(List.of(10, 11), seqs);
    }
}
