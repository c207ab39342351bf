package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.search.Fixtures.Msg;
import org.postilion.connector.spi.imap.MimePart;
import org.postilion.connector.spi.imap.SystemFlags;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.postilion.connector.imap.search.Fixtures.CONTEXT;
import static org.postilion.connector.imap.search.Fixtures.args;
import static org.postilion.connector.imap.search.Fixtures.env;

/** SEARCH programs: every key of RFC 9051 section 6.4.4, result options, charsets, and hostile input. */
class SearchProgramTest {

    private static SearchProgram parse(String line) throws SearchSyntaxException {
        return SearchProgram.parse(args(line), false);
    }

    private static boolean matches(String line, Msg m) throws SearchSyntaxException {
        return parse(line).matches(m, CONTEXT);
    }

    private static boolean matches(String line, Msg m, SearchContext ctx) throws SearchSyntaxException {
        return parse(line).matches(m, ctx);
    }

    private static SearchSyntaxException bad(String line) {
        return assertThrows(SearchSyntaxException.class, () -> parse(line));
    }

    private static final Msg PLAIN = Msg.of(3, 30);

    // ---- flags and keywords

    @ParameterizedTest
    @CsvSource({
            "ANSWERED, 2, true", "ANSWERED, 0, false", "UNANSWERED, 2, false", "UNANSWERED, 0, true",
            "DELETED, 8, true", "UNDELETED, 8, false", "DRAFT, 16, true", "UNDRAFT, 16, false",
            "FLAGGED, 4, true", "UNFLAGGED, 4, false", "SEEN, 1, true", "UNSEEN, 1, false", "UNSEEN, 30, true",
            "seen, 1, true", "ALL, 0, true", "all, 31, true"})
    void testsSystemFlags(String key, int flags, boolean expected) throws SearchSyntaxException {
        assertEquals(expected, matches(key, PLAIN.flags(flags)));
    }

    @Test
    void keywordsCompareCaseInsensitively() throws SearchSyntaxException {
        Msg m = PLAIN.keywords("$Forwarded", "Work");

        assertTrue(matches("KEYWORD $forwarded", m));
        assertTrue(matches("KEYWORD WORK", m));
        assertFalse(matches("KEYWORD $Junk", m));
        assertTrue(matches("UNKEYWORD $Junk", m));
        assertFalse(matches("UNKEYWORD work", m));
    }

    @Test
    void refusesASystemFlagAsKeyword() {
        assertTrue(bad("KEYWORD \\Seen").getMessage().contains("keyword"));
    }

    @Test
    void recentNewAndOldUseTheSessionsRecentSet() throws SearchSyntaxException {
        SearchContext ctx = new SearchContext(10, 100, null, new long[] {30}, ZoneOffset.UTC);

        assertTrue(matches("RECENT", PLAIN, ctx));
        assertTrue(matches("NEW", PLAIN, ctx));
        assertFalse(matches("NEW", PLAIN.flags(SystemFlags.SEEN), ctx));
        assertFalse(matches("OLD", PLAIN, ctx));
        assertTrue(matches("OLD", Msg.of(4, 31), ctx));
        assertFalse(matches("RECENT", Msg.of(4, 31), ctx));
    }

    // ---- sizes

    @ParameterizedTest
    @CsvSource({"LARGER 999, true", "LARGER 1000, false", "SMALLER 1001, true", "SMALLER 1000, false",
            "LARGER 0, true", "SMALLER 0, false", "LARGER 9223372036854775807, false"})
    void comparesTheSizeStrictly(String key, boolean expected) throws SearchSyntaxException {
        assertEquals(expected, matches(key, PLAIN.size(1000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LARGER -1", "LARGER 9223372036854775808", "SMALLER 99999999999999999999", "LARGER",
            "SMALLER abc", "LARGER +5", "LARGER 1e3", "LARGER \"100\""})
    void refusesSizesThatAreNoNumber64(String key) {
        bad(key);
    }

    // ---- dates

    @ParameterizedTest
    @CsvSource({
            // internal date 2020-02-01T23:30Z; in UTC that is 1 Feb
            "ON 1-Feb-2020, UTC, true", "ON 2-Feb-2020, UTC, false", "BEFORE 1-Feb-2020, UTC, false",
            "BEFORE 2-Feb-2020, UTC, true", "SINCE 1-Feb-2020, UTC, true", "SINCE 2-Feb-2020, UTC, false",
            // in Berlin (UTC+1) the same instant is 2 Feb 00:30
            "ON 2-Feb-2020, Europe/Berlin, true", "ON 1-Feb-2020, Europe/Berlin, false",
            "SINCE 2-Feb-2020, Europe/Berlin, true", "BEFORE 2-Feb-2020, Europe/Berlin, false",
            "ON \"01-Feb-2020\", UTC, true", "on 1-feb-2020, UTC, true"})
    void comparesTheInternalDatesDayInTheServersZone(String key, String zone, boolean expected)
            throws SearchSyntaxException {
        Msg m = PLAIN.internal("2020-02-01T23:30:00Z");
        SearchContext ctx = new SearchContext(10, 100, null, new long[0], ZoneId.of(zone));

        assertEquals(expected, matches(key, m, ctx));
    }

    @ParameterizedTest
    @CsvSource({
            // written 1 Feb 23:30 -0800 (2 Feb 07:30 UTC): the day as written counts, not the UTC day
            "SENTON 1-Feb-2020, true", "SENTON 2-Feb-2020, false", "SENTBEFORE 2-Feb-2020, true",
            "SENTBEFORE 1-Feb-2020, false", "SENTSINCE 1-Feb-2020, true", "SENTSINCE 2-Feb-2020, false"})
    void comparesTheSentDayAsWrittenInTheDateHeader(String key, boolean expected) throws SearchSyntaxException {
        Msg m = PLAIN.envelope(env("Sat, 1 Feb 2020 23:30:00 -0800", "s", "a@b.c", null, null, null, null))
                .internal("2020-03-05T10:00:00Z");

        assertEquals(expected, matches(key, m));
    }

    @Test
    void sentDateFallsBackToTheInternalDateWithoutADateHeader() throws SearchSyntaxException {
        Msg m = PLAIN.envelope(env(null, "s", "a@b.c", null, null, null, null)).internal("2020-03-05T10:00:00Z");

        assertTrue(matches("SENTON 5-Mar-2020", m));
        assertFalse(matches("SENTON 1-Feb-2020", m));
    }

    @ParameterizedTest
    @ValueSource(strings = {"32-Jan-2020", "1-Foo-2020", "30-Feb-2020", "0-Jan-2020", "1-Jan-20", "1-Jan-20200",
            "001-Jan-2020", "1/Jan/2020", "2020-01-01", "1-January-2020", "-Jan-2020", "1-Jan-", "", "1--2020",
            "x1-Jan-2020", "1-Jan-2020x"})
    void refusesBadDates(String date) {
        SearchSyntaxException e = bad("SINCE \"" + date + "\"");
        assertTrue(e.getMessage().startsWith("SINCE needs a date"), e.getMessage());
        assertFalse(e.isBadCharset());
    }

    @Test
    void acceptsTheLeapDay() throws SearchSyntaxException {
        assertTrue(matches("ON 29-Feb-2020", PLAIN.internal("2020-02-29T00:00:00Z")));
        bad("ON 29-Feb-2019");
    }

    // ---- envelope strings

    private static final Msg ENVELOPED = PLAIN.envelope(env("Mon, 3 Feb 2020 10:00:00 +0100",
            "=?ISO-8859-1?Q?=C4pfel_und_Birnen?=", "=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <juergen@example.org>",
            "Smith <smith@example.com>", "cc-person@example.net", null, "<id@x>"));

    @ParameterizedTest
    @CsvSource({
            "FROM \"Jürgen\", true", "FROM \"JÜRGEN MÜLLER\", true", "FROM juergen@EXAMPLE.org, true",
            "FROM \"Müller <juergen\", true", "FROM smith, false",
            "TO Smith, true", "TO smith@example.com, true", "TO juergen, false",
            "CC cc-person, true", "CC smith, false", "BCC a, false",
            "SUBJECT \"äpfel\", true", "SUBJECT \"ÄPFEL UND\", true", "SUBJECT Birnen, true", "SUBJECT Kirschen, false",
            "SUBJECT \"\", true"})
    void searchesEnvelopeFieldsDecodedAndCaseInsensitively(String key, boolean expected)
            throws SearchSyntaxException {
        assertEquals(expected, matches(key, ENVELOPED));
    }

    @Test
    void searchesBcc() throws SearchSyntaxException {
        Msg m = PLAIN.envelope("(NIL \"s\" NIL NIL NIL NIL NIL ((\"Hidden =?UTF-8?Q?J=C3=B6rg?=\" NIL \"joerg\" "
                + "\"example.de\")(NIL NIL \"second\" \"example.de\")) NIL NIL)");

        assertTrue(matches("BCC \"JÖRG\"", m));
        assertTrue(matches("BCC second@example", m));
        assertFalse(matches("BCC third", m));
        assertFalse(matches("TO joerg", m));
    }

    @Test
    void searchesAUtf8LiteralString() throws SearchSyntaxException {
        byte[] utf8 = "ÄPFEL".getBytes(StandardCharsets.UTF_8);
        assertTrue(matches("CHARSET UTF-8 SUBJECT {" + utf8.length + "}\r\nÄPFEL", ENVELOPED));
    }

    @Test
    void anEnvelopeKeyNeedsOnlyTheDescription() throws SearchSyntaxException {
        SearchProgram p = parse("OR FROM a SUBJECT b");

        assertTrue(p.needsDescription());
        assertFalse(p.needsHeader());
        assertFalse(p.needsBody());
    }

    @Test
    void aFlagSearchNeedsNothing() throws SearchSyntaxException {
        SearchProgram p = parse("UNSEEN UNDELETED 1:* UID 4:7");

        assertFalse(p.needsDescription());
        assertFalse(p.needsHeader());
        assertFalse(p.needsBody());
        assertFalse(p.usesSavedResult());
        assertFalse(p.hasModseq());
    }

    @Test
    void anUnreadableEnvelopeMatchesNoEnvelopeKey() throws SearchSyntaxException {
        Msg m = PLAIN.envelope("(\"broken");

        assertFalse(matches("SUBJECT \"\"", m));
        assertTrue(matches("NOT FROM x", m));
    }

    // ---- header and body

    private static final String MULTIPART = """
            From: a@b.c
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=
            X-Long: first line
             continued here
            X-Empty:
            Content-Type: multipart/mixed; boundary="b"

            preamble
            --b
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Sch=F6ne Gr=FC=DFe aus K=F6ln, mit einem sehr langen Satz, der wei=
            ter geht.
            --b
            Content-Type: text/html; charset="utf-8"
            Content-Transfer-Encoding: base64

            PHA+TsOkY2hzdGVzIFRyZWZmZW48L3A+
            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            c2VjcmV0IGJpbmFyeSBwYXlsb2Fk
            --b--
            """;

    private static final Msg WITH_BODY = PLAIN.message(MULTIPART,
            Fixtures.part(MULTIPART, "", "multipart/mixed", "7bit", null, null),
            Fixtures.part(MULTIPART, "1", "text/plain", "quoted-printable", "Content-Type: text/plain", "--b"),
            Fixtures.part(MULTIPART, "2", "text/html", "base64", "Content-Type: text/html", "--b"),
            Fixtures.part(MULTIPART, "3", "application/octet-stream", "base64", "Content-Type: application", "--b--"));

    @ParameterizedTest
    @CsvSource({
            "BODY \"schöne grüße\", true", "BODY \"KÖLN\", true", "BODY \"weiter geht\", true",
            "BODY \"nächstes treffen\", true", "BODY \"<p>\", true", "BODY \"secret\", false",
            "BODY \"preamble\", false", "BODY \"Grüße aus\", true", "BODY \"X-Long\", false",
            "TEXT \"grüße\", true", "TEXT \"X-LONG: first line continued\", true", "TEXT \"treffen\", true",
            "TEXT \"payload\", false", "TEXT \"application/octet-stream\", true",
            "BODY \"application/octet-stream\", false", "TEXT \"charset=iso-8859-1\", true"})
    void searchesDecodedTextParts(String key, boolean expected) throws SearchSyntaxException {
        assertEquals(expected, matches(key, WITH_BODY));
    }

    @ParameterizedTest
    @CsvSource({
            "HEADER Subject \"GRÜSSE\", true", "HEADER subject grüße, true", "HEADER X-Long \"line continued\", true",
            "HEADER X-Empty \"\", true", "HEADER X-Missing \"\", false", "HEADER From b.c, true",
            "HEADER From x.y, false", "HEADER Content-Type boundary, true"})
    void searchesHeaderFields(String key, boolean expected) throws SearchSyntaxException {
        assertEquals(expected, matches(key, WITH_BODY));
    }

    @Test
    void bodyKeysNeedTheContentAndTheDescription() throws SearchSyntaxException {
        SearchProgram body = parse("BODY x");
        SearchProgram header = parse("HEADER X-Spam yes");

        assertTrue(body.needsBody());
        assertTrue(body.needsDescription());
        assertTrue(header.needsHeader());
        assertFalse(header.needsBody());
    }

    @Test
    void aSinglePartMessageWithoutPartsIsSearchedWhole() throws SearchSyntaxException {
        Msg m = PLAIN.message("Subject: x\n\nPlain body text\n");

        assertTrue(matches("BODY \"body TEXT\"", m));
        assertFalse(matches("BODY Subject", m));
    }

    @Test
    void aBase64SinglePartIsDecoded() throws SearchSyntaxException {
        String raw = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                + "w4RQRkVMIHVuZCBCaXJuZW4=\n";
        Msg m = PLAIN.message(raw, Fixtures.part(raw, "", "text/plain", "base64", null, null));

        assertTrue(matches("BODY \"äpfel\"", m));
        assertFalse(matches("BODY w4RQ", m));
    }

    @Test
    void partOffsetsBeyondTheContentAreClamped() throws SearchSyntaxException {
        String raw = "Subject: x\n\nshort body\n";
        Msg m = PLAIN.message(raw, new MimePart("", "text/plain", "7bit", 0, 12,
                10_000, 1, -1), new MimePart("1", "text/plain", "base64", 50_000,
                40_000, 60_000, 0, -1));

        assertTrue(matches("BODY \"short body\"", m));
        assertFalse(matches("BODY \"missing\"", m));
    }

    @Test
    void anUnknownOrLyingCharsetFallsBackToUtf8OrLatin1() throws SearchSyntaxException {
        String utf8 = "Content-Type: text/plain; charset=x-no-such-charset\n\nÄpfel\n";
        Msg m = PLAIN.message(utf8, Fixtures.part(utf8, "", "text/plain", "7bit", null, null));
        byte[] latin1 = "Content-Type: text/plain\r\n\r\nK\u00f6ln\r\n".getBytes(
                StandardCharsets.ISO_8859_1);
        Msg l = new Msg(1, 1, 1, 0, List.of(), PLAIN.internalDate(), latin1.length, PLAIN.envelope(), null, latin1,
                List.of(new MimePart("", "text/plain", "7bit", 0, 28,
                        latin1.length, 1, -1)));

        assertTrue(matches("BODY äpfel", m));
        assertTrue(matches("BODY köln", l));
        assertTrue(matches("TEXT köln", l));
    }

    @Test
    void anEnclosedMessagesHeaderIsPartOfTheBody() throws SearchSyntaxException {
        String raw = """
                Subject: outer
                Content-Type: message/rfc822

                Subject: =?UTF-8?Q?inner_K=C3=B6ln?=
                From: x@y

                inner text
                """;
        MimePart whole = Fixtures.part(raw, "", "message/rfc822", "7bit", null, null);
        MimePart inner = Fixtures.part(raw, "1", "text/plain", "7bit",
                "Subject: =?UTF-8", null);
        long innerBody = raw.replace("\n", "\r\n").indexOf("inner text");
        Msg m = PLAIN.message(raw, new MimePart("", "message/rfc822", "7bit", 0,
                whole.bodyStart(), whole.bodyEnd(), 0, innerBody), new MimePart("1",
                "text/plain", "7bit", inner.headerStart(), innerBody, whole.bodyEnd(), 1, -1));

        assertTrue(matches("BODY \"inner köln\"", m));
        assertTrue(matches("BODY \"inner text\"", m));
        assertFalse(matches("BODY outer", m));
    }

    @Test
    void theMissingContentIsTheCallersError() throws SearchSyntaxException {
        SearchProgram p = parse("BODY x");

        assertThrows(IllegalStateException.class, () -> p.matches(PLAIN, CONTEXT));
    }

    // ---- numbers

    @ParameterizedTest
    @CsvSource({
            "3, true", "1:2, false", "2:4, true", "4:2, true", "*, false", "3:*, true", "11:*, false",
            "'1,3,5', true", "UID 30, true", "UID 1:29, false", "UID 31:*, false", "UID 200:*, false",
            "UID 29:31, true", "NOT 3, false"})
    void matchesSequenceSetsAndUids(String key, boolean expected) throws SearchSyntaxException {
        assertEquals(expected, matches(key, PLAIN));
    }

    @Test
    void starIsTheHighestNumber() throws SearchSyntaxException {
        Msg last = Msg.of(10, 100);

        assertTrue(matches("*", last));
        assertTrue(matches("UID *", last));
        assertTrue(matches("UID 500:*", last)); // 500:* is 100:500 when 100 is the highest UID
        assertTrue(matches("20:*", last));
    }

    @Test
    void dollarIsTheSavedResult() throws SearchSyntaxException {
        SearchContext ctx = new SearchContext(10, 100, new long[]{50, 30, 7}, new long[0], ZoneOffset.UTC);
        SearchProgram p = parse("$");

        assertTrue(p.usesSavedResult());
        assertTrue(p.matches(PLAIN, ctx));
        assertFalse(p.matches(Msg.of(4, 31), ctx));
        assertTrue(parse("UID $").matches(PLAIN, ctx));
        assertTrue(parse("NOT $").usesSavedResult());
        assertFalse(parse("$").matches(PLAIN, CONTEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1:0", "1,,2", "1:", ":3", "4294967296", "1:2:3", "UID", "UID x", "UID -1", "$$"})
    void refusesBadSequenceSets(String key) {
        bad(key);
    }

    // ---- MODSEQ

    @Test
    void modseqMatchesMessagesChangedSinceAndIsReported() throws SearchSyntaxException {
        SearchProgram p = parse("MODSEQ \"/flags/\\\\draft\" all 620162338");

        assertTrue(p.hasModseq());
        assertTrue(p.matches(PLAIN.modseq(620162338), CONTEXT));
        assertTrue(p.matches(PLAIN.modseq(720162338), CONTEXT));
        assertFalse(p.matches(PLAIN.modseq(620162337), CONTEXT));
        assertTrue(parse("MODSEQ 5").matches(PLAIN.modseq(5), CONTEXT));
        assertTrue(parse("OR NOT MODSEQ 5 SEEN").hasModseq());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MODSEQ", "MODSEQ -1", "MODSEQ x", "MODSEQ \"/flags/\\\\seen\" 5",
            "MODSEQ \"/flags/\\\\seen\" nobody 5", "MODSEQ \"/flags/\\\\seen\" priv", "MODSEQ 9223372036854775808"})
    void refusesBadModseqKeys(String key) {
        bad(key);
    }

    // ---- combinations, RFC 9051 examples

    @Test
    void rfc9051ExampleFlaggedSinceNotFromSmith() throws SearchSyntaxException {
        SearchProgram p = parse("FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"");
        Msg base = PLAIN.internal("1994-02-03T10:00:00Z").flags(SystemFlags.FLAGGED);

        assertTrue(p.matches(base, CONTEXT));
        assertFalse(p.matches(base.flags(0), CONTEXT));
        assertFalse(p.matches(base.internal("1994-01-31T23:59:59Z"), CONTEXT));
        assertFalse(p.matches(base.envelope(env(null, "x", "John Smith <js@x.y>", null, null, null, null)), CONTEXT));
    }

    @Test
    void orAndNotNest() throws SearchSyntaxException {
        Msg seen = PLAIN.flags(SystemFlags.SEEN);
        Msg flagged = PLAIN.flags(SystemFlags.FLAGGED);
        Msg both = PLAIN.flags(SystemFlags.SEEN | SystemFlags.FLAGGED);

        assertTrue(matches("OR SEEN FLAGGED", seen));
        assertTrue(matches("OR SEEN FLAGGED", flagged));
        assertFalse(matches("OR SEEN FLAGGED", PLAIN));
        assertFalse(matches("NOT OR SEEN FLAGGED", flagged));
        assertTrue(matches("NOT NOT SEEN", seen));
        assertTrue(matches("(SEEN FLAGGED)", both));
        assertFalse(matches("(SEEN FLAGGED)", seen));
        assertTrue(matches("OR (SEEN FLAGGED) (NOT SEEN NOT FLAGGED)", PLAIN));
        assertFalse(matches("OR (SEEN FLAGGED) (NOT SEEN NOT FLAGGED)", seen));
        assertTrue(matches("OR OR OR DELETED DRAFT ANSWERED ((SEEN))", seen));
        assertTrue(matches("NOT (OR DELETED (DRAFT))", seen));
    }

    // ---- RETURN and CHARSET

    @Test
    void withoutReturnTheOptionsAreAll() throws SearchSyntaxException {
        SearchProgram p = parse("ALL");

        assertFalse(p.hasReturnClause());
        assertEquals(EnumSet.of(ReturnOption.ALL), p.returnOptions());
    }

    @Test
    void anEmptyReturnMeansAll() throws SearchSyntaxException {
        SearchProgram p = parse("RETURN () FLAGGED");

        assertTrue(p.hasReturnClause());
        assertEquals(EnumSet.of(ReturnOption.ALL), p.returnOptions());
    }

    @Test
    void readsEveryReturnOption() throws SearchSyntaxException {
        SearchProgram p = parse("RETURN (min MAX all Count SAVE) CHARSET UTF-8 UNSEEN");

        assertEquals(EnumSet.allOf(ReturnOption.class), p.returnOptions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RETURN (PARTIAL 1:10) ALL", "RETURN (FOO) ALL", "RETURN MIN ALL", "RETURN",
            "RETURN (MIN)", "RETURN ((MIN)) ALL", "RETURN (\"MIN\") ALL"})
    void refusesBadReturnClauses(String line) {
        bad(line);
    }

    @Test
    void saveWithMinOrMaxKeepsOnlyThose() throws SearchSyntaxException {
        long[] found = {3, 7, 9};

        assertArrayEquals(new long[]{3}, parse("RETURN (SAVE MIN) ALL").resultToSave(found));
        assertArrayEquals(new long[]{9}, parse("RETURN (MAX SAVE) ALL").resultToSave(found));
        assertArrayEquals(new long[]{3, 9}, parse("RETURN (MIN MAX SAVE) ALL").resultToSave(found));
        assertArrayEquals(found, parse("RETURN (MIN SAVE COUNT) ALL").resultToSave(found));
        assertArrayEquals(found, parse("RETURN (SAVE) ALL").resultToSave(found));
        assertArrayEquals(new long[0], parse("RETURN (SAVE MIN) ALL").resultToSave(new long[0]));
        assertNull(parse("RETURN (MIN) ALL").resultToSave(found));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHARSET UTF-8 ALL", "CHARSET utf-8 ALL", "CHARSET US-ASCII ALL", "CHARSET \"UTF-8\" ALL"})
    void acceptsUtf8AndAscii(String line) throws SearchSyntaxException {
        assertTrue(SearchProgram.parse(args(line), false).matches(PLAIN, CONTEXT));
        assertTrue(SearchProgram.parse(args(line), true).matches(PLAIN, CONTEXT));
    }

    @Test
    void anUnknownCharsetIsBadCharsetForRev1Clients() {
        SearchSyntaxException e = assertThrows(SearchSyntaxException.class,
                () -> SearchProgram.parse(args("CHARSET KOI8-R TEXT x"), false));

        assertTrue(e.isBadCharset());
    }

    @Test
    void anotherCharsetThanUtf8IsBadOnceUtf8IsEnabled() {
        SearchSyntaxException e = assertThrows(SearchSyntaxException.class,
                () -> SearchProgram.parse(args("CHARSET ISO-8859-1 TEXT x"), true));

        assertFalse(e.isBadCharset());
        assertTrue(e.getMessage().contains("conflicts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHARSET", "CHARSET UTF-8", "CHARSET NIL ALL", "CHARSET () ALL"})
    void refusesACharsetWithoutNameOrKeys(String line) {
        assertFalse(bad(line).isBadCharset());
    }

    // ---- hostile input

    @ParameterizedTest
    @ValueSource(strings = {"", "FOO", "SUBJECT", "FROM", "HEADER", "HEADER Subject", "HEADER \"\" x",
            "HEADER \"a b\" x", "HEADER (a) x", "BODY NIL", "TEXT (x)", "OR SEEN", "OR", "NOT", "()", "\"SEEN\"",
            "NIL", "ON", "KEYWORD", "KEYWORD (x)", "SEEN ()", "RETURN (ALL)", "ALL ALL FOO", "SINCE NIL"})
    void refusesMalformedPrograms(String line) {
        SearchSyntaxException e = bad(line);
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void quotesUnknownKeysSafelyInTheMessage() {
        String msg = bad("\u0001EVIL\u0007" + "x".repeat(100)).getMessage();

        assertTrue(msg.startsWith("unknown search key: \"?EVIL?"), msg);
        assertTrue(msg.length() < 100, msg);
    }

    @Test
    void tenThousandNestedNotsAreRefusedCleanly() {
        String line = "NOT ".repeat(10_000) + "SEEN";

        assertTrue(bad(line).getMessage().contains("nested too deeply"));
    }

    @Test
    void tenThousandNestedParenthesesAreRefusedCleanly() {
        ImapArg arg = new ImapArg.Atom("SEEN");
        for (int i = 0; i < 10_000; i++) {
            arg = new ImapArg.ListArg(List.of(arg));
        }
        List<ImapArg> args = List.of(arg);

        SearchSyntaxException e = assertThrows(SearchSyntaxException.class, () -> SearchProgram.parse(args, false));
        assertTrue(e.getMessage().contains("nested too deeply"));
    }

    @Test
    void tenThousandNestedOrsAreRefusedCleanly() {
        assertTrue(bad("OR ".repeat(10_000) + "SEEN ".repeat(10_001)).getMessage().contains("nested too deeply"));
    }

    @Test
    void nestingUpToTheLimitWorks() throws SearchSyntaxException {
        String line = "NOT ".repeat(SearchProgram.MAX_DEPTH - 1) + "SEEN";
        boolean odd = (SearchProgram.MAX_DEPTH - 1) % 2 == 1;

        assertEquals(odd, matches(line, PLAIN));
        bad("NOT " + line);
    }

    @Test
    void tooManyKeysAreRefused() {
        assertTrue(bad("SEEN ".repeat(SearchProgram.MAX_KEYS + 1)).getMessage().contains("too many"));
    }

    @Test
    void keysUpToTheLimitWork() throws SearchSyntaxException {
        assertTrue(matches("ALL ".repeat(SearchProgram.MAX_KEYS), PLAIN));
    }

    @Test
    void tooLongStringsAreRefused() throws SearchSyntaxException {
        String ok = "x".repeat(SearchProgram.MAX_STRING);

        assertFalse(matches("BODY \"" + ok + "\"", PLAIN.message("Subject: y\n\nshort\n")));
        assertTrue(bad("BODY \"" + ok + "x\"").getMessage().contains("longer than"));
        List<ImapArg> literal = new ArrayList<>(List.of(new ImapArg.Atom("SUBJECT"),
                new ImapArg.Str(new byte[SearchProgram.MAX_STRING + 1], true)));
        assertThrows(SearchSyntaxException.class, () -> SearchProgram.parse(literal, false));
    }
}
