package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.imap.search.Fixtures.Msg;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.postilion.connector.imap.search.Fixtures.CONTEXT;
import static org.postilion.connector.imap.search.Fixtures.args;
import static org.postilion.connector.imap.search.Fixtures.env;

/** THREAD=REFERENCES and THREAD=ORDEREDSUBJECT (RFC 5256). */
class ThreadProgramTest {

    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * Message {@code seq} with Message-ID {@code <seq@x>}, sent {@code seq} minutes after a fixed time unless
     * {@code minute} says otherwise, with the given subject and References.
     */
    private static Msg msg(int seq, int minute, String subject, String references) {
        String date = RFC5322.format(Instant.parse("2020-02-01T00:00:00Z").plusSeconds(60L * minute));
        String header = "Subject: " + subject + "\n" + (references == null ? "" : "References: " + references + "\n")
                + "\n";
        return Msg.of(seq, 100L + seq).envelope(env(date, subject, "a@b.c", null, null, null, "<" + seq + "@x>"))
                .message(header + "body\n");
    }

    private static Msg msg(int seq, String subject, String references) {
        return msg(seq, seq, subject, references);
    }

    private static String thread(String algorithm, Msg... messages) throws SearchSyntaxException {
        return thread(algorithm, false, messages);
    }

    private static String thread(String algorithm, boolean uid, Msg... messages) throws SearchSyntaxException {
        ThreadProgram p = ThreadProgram.parse(args(algorithm + " UTF-8 ALL"));
        List<SearchCandidate> matched = new ArrayList<>();
        for (Msg m : messages) {
            if (p.search().matches(m, CONTEXT)) {
                matched.add(m);
            }
        }
        return p.thread(matched, uid);
    }

    @Test
    void rfc5256ExampleShape() throws SearchSyntaxException {
        // 3 <- 6 <- 4 <- 23; 6 <- 44 <- 7 <- 96; 2 alone
        String t = thread("REFERENCES",
                msg(2, "other", null),
                msg(3, "topic", null),
                msg(4, "Re: topic", "<3@x> <6@x>"),
                msg(6, "Re: topic", "<3@x>"),
                msg(7, "Re: topic", "<3@x> <6@x> <44@x>"),
                msg(23, "Re: topic", "<3@x> <6@x> <4@x>"),
                msg(44, "Re: topic", "<3@x> <6@x>"),
                msg(96, "Re: topic", "<3@x> <6@x> <44@x> <7@x>"));

        assertEquals("* THREAD (2)(3 6 (4 23)(44 7 96))", t);
    }

    @Test
    void listsUidsForUidThread() throws SearchSyntaxException {
        assertEquals("* THREAD (101 102)", thread("REFERENCES", true, msg(1, "a", null), msg(2, "Re: a", "<1@x>")));
    }

    @Test
    void nothingMatchedIsTheWordAlone() throws SearchSyntaxException {
        assertEquals("* THREAD", thread("REFERENCES"));
        assertEquals("* THREAD", thread("ORDEREDSUBJECT"));
    }

    @Test
    void siblingsUnderAMissingParentGetADummyAtTheTop() throws SearchSyntaxException {
        // 3 and 5 both answer <gone@x>, which is not in the result; their subjects differ
        assertEquals("* THREAD ((3)(5))",
                thread("REFERENCES", msg(3, "Re: one", "<gone@x>"), msg(5, "Re: two", "<gone@x>")));
    }

    @Test
    void aMissingParentOfOneMessageIsPrunedAway() throws SearchSyntaxException {
        assertEquals("* THREAD (3 5)",
                thread("REFERENCES", msg(3, "one", "<gone@x>"), msg(5, "Re: one", "<gone@x> <3@x>")));
    }

    @Test
    void dummiesInsideAThreadArePromoted() throws SearchSyntaxException {
        // 1 <- (missing m) <- 2 and 3: the dummy in the middle goes, 2 and 3 become children of 1
        assertEquals("* THREAD (1 (2)(3))", thread("REFERENCES", msg(1, "a", null),
                msg(2, "Re: a", "<1@x> <m@x>"), msg(3, "Re: a", "<1@x> <m@x>")));
    }

    @Test
    void fallsBackToInReplyTo() throws SearchSyntaxException {
        Msg reply = Msg.of(2, 102).envelope(env("Sat, 1 Feb 2020 00:05:00 +0000", "x", "a@b.c", null, null,
                "<1@x> <other@x>", "<2@x>")).message("Subject: x\n\nbody\n");

        assertEquals("* THREAD (1 2)", thread("REFERENCES", msg(1, "y", null), reply));
    }

    @Test
    void groupsByBaseSubjectWhenReferencesAreMissing() throws SearchSyntaxException {
        // a reply without headers joins its original; two originals get a dummy
        assertEquals("* THREAD (1 2)", thread("REFERENCES", msg(1, "Hello", null), msg(2, "Re: hello", null)));
        assertEquals("* THREAD ((1)(3))", thread("REFERENCES", msg(1, "Hello", null), msg(3, "HELLO", null)));
        assertEquals("* THREAD (1 (2)(3))", thread("REFERENCES", msg(1, "Hello", null), msg(2, "Re: Hello", null),
                msg(3, "Fwd: Hello", null)));
        // the original is found even when the reply is older
        assertEquals("* THREAD (2 1)", thread("REFERENCES", msg(1, 1, "Re: Hello", null), msg(2, 0, "Hello", null)));
    }

    @Test
    void aReplyEarlierInTheMailboxFindsItsLaterOriginal() throws SearchSyntaxException {
        // the reply (seq 1) was stored first, but sent after the original (seq 5)
        assertEquals("* THREAD (5 1)", thread("REFERENCES", msg(1, 20, "Re: x", "<5@x>"), msg(5, 10, "x", null)));
    }

    @Test
    void aDummyThreadTakesInTheOriginalWithItsSubject() throws SearchSyntaxException {
        // 3 and 5 answer a message not in the result; 1 has their base subject and no references
        assertEquals("* THREAD ((1)(3)(5))", thread("REFERENCES", msg(1, "topic", null),
                msg(3, "Re: topic", "<gone@x>"), msg(5, "Re: topic", "<gone@x>")));
    }

    @Test
    void foldedReferencesHeadersAreRead() throws SearchSyntaxException {
        assertEquals("* THREAD (1 2 3)", thread("REFERENCES", msg(1, "a", null), msg(2, "b", "<1@x>"),
                msg(3, "c", "<1@x>\n\t<2@x>")));
    }

    @Test
    void emptySubjectsAreNotMerged() throws SearchSyntaxException {
        assertEquals("* THREAD (1)(2)", thread("REFERENCES", msg(1, "", null), msg(2, "Re:", null)));
    }

    @Test
    void sortsSiblingsAndThreadsBySentDate() throws SearchSyntaxException {
        // 3 was sent first; the replies to 1 arrive in the order 5, 4
        assertEquals("* THREAD (3)(1 (5)(4))", thread("REFERENCES", msg(1, 10, "a", null),
                msg(3, 5, "b", null), msg(4, 30, "Re: a", "<1@x>"), msg(5, 20, "Re: a", "<1@x>")));
    }

    @Test
    void referenceLoopsAreIgnored() throws SearchSyntaxException {
        // 1 names 2 as its parent first; 2 naming 1 would close a loop, so that link is not made
        String t = thread("REFERENCES", msg(1, "a", "<2@x>"), msg(2, "b", "<1@x>"));

        assertEquals("* THREAD (2 1)", t);
    }

    @Test
    void aMessageReferencingItselfIsNoLoop() throws SearchSyntaxException {
        assertEquals("* THREAD (1)", thread("REFERENCES", msg(1, "a", "<1@x> <1@x>")));
    }

    @Test
    void duplicateMessageIdsGetUniqueOnes() throws SearchSyntaxException {
        Msg first = msg(1, "a", null);
        Msg duplicate = Msg.of(2, 102).envelope(env("Sat, 1 Feb 2020 00:02:00 +0000", "b", "a@b.c", null, null, null,
                "<1@x>")).message("Subject: b\n\nbody\n");

        assertEquals("* THREAD (1 3)(2)", thread("REFERENCES", first, duplicate, msg(3, "Re: a", "<1@x>")));
    }

    @Test
    void aDeepChainNeedsNoDeepStack() throws SearchSyntaxException {
        int n = 20_000;
        Msg[] chain = new Msg[n];
        for (int i = 1; i <= n; i++) {
            chain[i - 1] = msg(i, "Re: deep", i == 1 ? null : "<" + (i - 1) + "@x>");
        }

        String t = thread("REFERENCES", chain);

        assertTrue(t.startsWith("* THREAD (1 2 3 4 "), t.substring(0, 40));
        assertTrue(t.endsWith(" 19999 20000)"));
    }

    @Test
    void orderedSubjectGroupsByBaseSubjectAndDate() throws SearchSyntaxException {
        String t = thread("ORDEREDSUBJECT", msg(1, 10, "b", null), msg(2, 5, "Re: a", null),
                msg(3, 1, "a", null), msg(4, 20, "Re: b", null), msg(5, 30, "Fwd: a", null), msg(6, 40, "c", null));

        assertEquals("* THREAD (3 (2)(5))(1 4)(6)", t);
    }

    @Test
    void referencesNeedsTheHeaderAndOrderedSubjectDoesNot() throws SearchSyntaxException {
        assertTrue(ThreadProgram.parse(args("REFERENCES UTF-8 ALL")).needsHeader());
        assertFalse(ThreadProgram.parse(args("ORDEREDSUBJECT UTF-8 ALL")).needsHeader());
        assertTrue(ThreadProgram.parse(args("ORDEREDSUBJECT UTF-8 HEADER x y")).needsHeader());
        assertTrue(ThreadProgram.parse(args("orderedsubject UTF-8 ALL")).needsDescription());
        assertEquals(ThreadAlgorithm.ORDEREDSUBJECT, ThreadProgram.parse(args("orderedsubject US-ASCII ALL")).algorithm());
    }

    @Test
    void readsMessageIds() {
        assertEquals(List.of("<a@b>", "<c@d>"), ThreadProgram.messageIds(" <a@b>\r\n\t<c@d> "));
        assertEquals(List.of("<c@d>"), ThreadProgram.messageIds("<a b> <c@d>"));
        assertEquals(List.of("<c@d>"), ThreadProgram.messageIds("<x <c@d>"));
        assertEquals(List.of(), ThreadProgram.messageIds("<> garbage <unterminated"));
        assertEquals(List.of(), ThreadProgram.messageIds(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "REFERENCES", "REFERENCES UTF-8", "FOO UTF-8 ALL", "(REFERENCES) UTF-8 ALL",
            "\"REFERENCES\" UTF-8 ALL", "REFERENCES NIL ALL", "REFERENCES UTF-8 NOPE"})
    void refusesMalformedThreads(String line) {
        assertFalse(assertThrows(SearchSyntaxException.class, () -> ThreadProgram.parse(args(line))).isBadCharset());
    }

    @Test
    void charsetRules() {
        assertTrue(assertThrows(SearchSyntaxException.class,
                () -> ThreadProgram.parse(args("REFERENCES KOI8-R ALL"))).isBadCharset());
        assertFalse(assertThrows(SearchSyntaxException.class,
                () -> ThreadProgram.parse(args("REFERENCES KOI8-R ALL"), true)).isBadCharset());
    }
}
