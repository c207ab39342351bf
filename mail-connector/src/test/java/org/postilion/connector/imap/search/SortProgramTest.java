package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.imap.search.Fixtures.Msg;
import org.postilion.connector.imap.search.SortProgram.Criterion;
import org.postilion.connector.spi.imap.SystemFlags;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.postilion.connector.imap.search.Fixtures.CONTEXT;
import static org.postilion.connector.imap.search.Fixtures.args;
import static org.postilion.connector.imap.search.Fixtures.env;

/** SORT (RFC 5256 section 3, RFC 5957). */
class SortProgramTest {

    private static Msg msg(int seq, String date, String subject, String from, String to, String cc, long size,
                           String internal) {
        return Msg.of(seq, seq * 10L).envelope(env(date, subject, from, to, cc, null, null)).size(size)
                .internal(internal);
    }

    // seq 1..5, chosen so that every criterion gives a different order
    private static final List<SearchCandidate> MAILBOX = List.of(
            msg(1, "Mon, 3 Feb 2020 10:00:00 +0000", "Re: banana", "Carol <carol@x>", "zed@x", "bob@x", 300,
                    "2020-02-05T00:00:00Z"),
            msg(2, "Mon, 3 Feb 2020 09:00:00 -0200", "apple", "alice@x", "Yann <yann@x>", null, 100,
                    "2020-02-04T00:00:00Z"),
            msg(3, null, "[list] Cherry", "=?UTF-8?Q?=C3=84rger?= <bob@x>", "xavier@x", "alice@x", 200,
                    "2020-02-01T00:00:00Z"),
            msg(4, "Sun, 2 Feb 2020 23:00:00 +0000", "Fwd: apple", "dave@x", "Albert <wil@x>", "carol@x", 500,
                    "2020-02-03T00:00:00Z"),
            msg(5, "garbage", "BANANA (fwd)", "Erin <erin@x>", null, "dave@x", 400, "2020-02-02T00:00:00Z"));

    private static long[] sort(String line) throws SearchSyntaxException {
        SortProgram p = SortProgram.parse(args(line));
        List<SearchCandidate> matched = new ArrayList<>();
        for (SearchCandidate c : MAILBOX) {
            if (p.search().matches(c, CONTEXT)) {
                matched.add(c);
            }
        }
        return p.sort(matched, false);
    }

    @Test
    void sortsByArrival() throws SearchSyntaxException {
        assertArrayEquals(new long[]{3, 5, 4, 2, 1}, sort("(ARRIVAL) UTF-8 ALL"));
    }

    @Test
    void sortsBySize() throws SearchSyntaxException {
        assertArrayEquals(new long[]{2, 3, 1, 5, 4}, sort("(SIZE) UTF-8 ALL"));
        assertArrayEquals(new long[]{4, 5, 1, 3, 2}, sort("(REVERSE SIZE) UTF-8 ALL"));
    }

    @Test
    void sortsByDateInUtcWithTheInternalDateAsFallback() throws SearchSyntaxException {
        // 3: no Date, internal 1 Feb; 5: broken Date, internal 2 Feb; 4: 2 Feb 23:00Z; 1: 3 Feb 10:00Z;
        // 2: 3 Feb 09:00 -0200 = 11:00Z
        assertArrayEquals(new long[]{3, 5, 4, 1, 2}, sort("(DATE) UTF-8 ALL"));
    }

    @Test
    void sortsByBaseSubjectAndBreaksTiesByMailboxOrder() throws SearchSyntaxException {
        // apple: 2, 4; banana: 1, 5; cherry: 3
        assertArrayEquals(new long[]{2, 4, 1, 5, 3}, sort("(SUBJECT) UTF-8 ALL"));
        // REVERSE does not reverse the tie-break
        assertArrayEquals(new long[]{3, 1, 5, 2, 4}, sort("(REVERSE SUBJECT) UTF-8 ALL"));
    }

    @Test
    void combinesCriteria() throws SearchSyntaxException {
        assertArrayEquals(new long[]{4, 2, 5, 1, 3}, sort("(SUBJECT DATE) UTF-8 ALL"));
        assertArrayEquals(new long[]{2, 4, 1, 5, 3}, sort("(SUBJECT REVERSE DATE) UTF-8 ALL"));
        assertArrayEquals(new long[]{3, 1, 5, 2, 4}, sort("(REVERSE SUBJECT REVERSE DATE) UTF-8 ALL"));
    }

    @Test
    void sortsAddressesByMailboxOfTheFirstAddress() throws SearchSyntaxException {
        assertArrayEquals(new long[]{2, 3, 1, 4, 5}, sort("(FROM) UTF-8 ALL"));
        // TO: zed, yann, xavier, wil, (none)
        assertArrayEquals(new long[]{5, 4, 3, 2, 1}, sort("(TO) UTF-8 ALL"));
        // CC: bob, (none), alice, carol, dave
        assertArrayEquals(new long[]{2, 3, 1, 4, 5}, sort("(CC) UTF-8 ALL"));
    }

    @Test
    void sortsByDisplayNames() throws SearchSyntaxException {
        // alice@x (no name), Ärger, Carol, dave@x, Erin; i;ascii-casemap leaves "Ä" as it is, after the ASCII letters
        assertArrayEquals(new long[]{2, 1, 4, 5, 3}, sort("(DISPLAYFROM) UTF-8 ALL"));
        // Albert, xavier@x, Yann, zed@x, (none)
        assertArrayEquals(new long[]{5, 4, 3, 2, 1}, sort("(DISPLAYTO) UTF-8 ALL"));
    }

    @Test
    void sortsOnlyWhatTheSearchMatched() throws SearchSyntaxException {
        assertArrayEquals(new long[]{4, 1}, sort("(REVERSE SIZE) UTF-8 LARGER 250 SMALLER 501 OR 1 4"));
        assertArrayEquals(new long[0], sort("(SIZE) UTF-8 SEEN"));
    }

    @Test
    void returnsUidsForUidSort() throws SearchSyntaxException {
        SortProgram p = SortProgram.parse(args("(SIZE) US-ASCII ALL"));

        assertArrayEquals(new long[]{20, 30, 10, 50, 40}, p.sort(MAILBOX, true));
    }

    @Test
    void rfc5256Example() throws SearchSyntaxException {
        SortProgram p = SortProgram.parse(args("(SUBJECT) UTF-8 SINCE 1-Feb-1994"));

        assertEquals(List.of(new Criterion(SortCriterion.SUBJECT, false)), p.criteria());
        assertTrue(p.needsDescription());
        assertFalse(p.needsHeader());
        assertFalse(p.search().hasReturnClause());
        assertEquals("* SORT 2 84 882", SearchResponses.sort(new long[]{2, 84, 882}));
        assertEquals("* SORT", SearchResponses.sort(new long[0]));
    }

    @Test
    void aSortWithABodySearchNeedsTheBody() throws SearchSyntaxException {
        SortProgram p = SortProgram.parse(args("(DATE) UTF-8 BODY x HEADER a b"));

        assertTrue(p.needsBody());
        assertTrue(p.needsHeader());
        assertTrue(p.search().matches(Msg.of(1, 1).flags(SystemFlags.SEEN)
                .message("a: b\n\nx\n"), CONTEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SUBJECT UTF-8 ALL", "() UTF-8 ALL", "(SUBJECT)", "(SUBJECT) UTF-8", "(FOO) UTF-8 ALL",
            "(REVERSE) UTF-8 ALL", "(SUBJECT REVERSE) UTF-8 ALL", "(REVERSE REVERSE DATE) UTF-8 ALL",
            "((DATE)) UTF-8 ALL", "(\"DATE\") UTF-8 ALL", "(DATE) NIL ALL", "(DATE) UTF-8 BOGUS",
            "(DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE DATE) UTF-8 ALL"})
    void refusesMalformedSorts(String line) {
        SearchSyntaxException e = assertThrows(SearchSyntaxException.class, () -> SortProgram.parse(args(line)));
        assertFalse(e.isBadCharset());
    }

    @Test
    void charsetRules() throws SearchSyntaxException {
        assertTrue(assertThrows(SearchSyntaxException.class,
                () -> SortProgram.parse(args("(DATE) KOI8-R ALL"))).isBadCharset());
        assertFalse(assertThrows(SearchSyntaxException.class,
                () -> SortProgram.parse(args("(DATE) ISO-8859-1 ALL"), true)).isBadCharset());
        assertEquals(1, SortProgram.parse(args("(DATE) UTF-8 ALL"), true).criteria().size());
    }
}
