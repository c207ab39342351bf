package org.postilion.mailbox.structure;

import org.junit.jupiter.api.Test;
import org.postilion.mailbox.structure.AddressParser.Address;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address fields as the ENVELOPE shows them (RFC 5322 section 3.4, Dovecot's message-address.c). */
class AddressParserTest {

    private static Address a(String name, String route, String mailbox, String domain) {
        return new Address(name, route, mailbox, domain);
    }

    @Test
    void readsNameAddrAndAddrSpec() {
        assertEquals(List.of(a("Terry Gray", null, "gray", "cac.washington.edu"), a(null, null, "imap", "x.test")),
                AddressParser.parse("Terry Gray <gray@cac.washington.edu>, imap@x.test"));
    }

    @Test
    void unquotesQuotedNamesAndLocalParts() {
        assertEquals(List.of(a("Ann \"Boss\" \\", null, "john doe", "x.test")),
                AddressParser.parse("\"Ann \\\"Boss\\\" \\\\\" <\"john doe\"@x.test>"));
    }

    @Test
    void keepsEncodedWordsRaw() {
        assertEquals(List.of(a("=?utf-8?q?J=C3=BCrgen?=", null, "j", "x.test")),
                AddressParser.parse("=?utf-8?q?J=C3=BCrgen?= <j@x.test>"));
    }

    @Test
    void joinsObsoletePhraseWordsWithDots() {
        assertEquals(List.of(a("John Q. Public", null, "jqp", "x.test")),
                AddressParser.parse("John Q. Public <jqp@x.test>"));
    }

    @Test
    void takesATrailingCommentAsTheNameOfABareAddressOnly() {
        assertEquals(List.of(a("Carol", null, "c", "x.test"), a(null, null, "d", "x.test"),
                        a(null, null, "e", "x.test")),
                AddressParser.parse("c@x.test (Carol), <d@x.test> (Dan), (Eve) e@x.test"));
    }

    @Test
    void writesGroupsWithStartAndEndMarkers() {
        assertEquals(List.of(Address.groupStart("Team"), a(null, null, "a", "x.test"), a("B", null, "b", "x.test"),
                        Address.GROUP_END, a(null, null, "c", "x.test")),
                AddressParser.parse("Team: a@x.test, B <b@x.test>;, c@x.test"));
        assertEquals(List.of(Address.groupStart("undisclosed-recipients"), Address.GROUP_END),
                AddressParser.parse("undisclosed-recipients:;"));
    }

    @Test
    void endsAnUnterminatedGroupAtTheEnd() {
        assertEquals(List.of(Address.groupStart("G"), a(null, null, "a", "x.test"), Address.GROUP_END),
                AddressParser.parse("G: a@x.test"));
    }

    @Test
    void keepsTheObsoleteRoute() {
        assertEquals(List.of(a(null, "@relay.test,@other.test", "r", "x.test")),
                AddressParser.parse("<@relay.test,@other.test:r@x.test>"));
    }

    @Test
    void fillsInWhatIsMissingAsDovecotDoes() {
        assertEquals(List.of(a(null, null, "x", "MISSING_DOMAIN"), a("Joe", null, "MISSING_MAILBOX", "MISSING_DOMAIN"),
                        a(null, null, "MISSING_MAILBOX", "MISSING_DOMAIN")),
                AddressParser.parse("<x>, \"Joe\" <>, @"));
    }

    @Test
    void showsAnEmptyElementBetweenCommasButNotATrailingComma() {
        assertEquals(List.of(a(null, null, "a", "b"), a(null, null, "MISSING_MAILBOX", "MISSING_DOMAIN"),
                a(null, null, "c", "d")), AddressParser.parse("a@b, , c@d"));
        assertEquals(List.of(a(null, null, "a", "b")), AddressParser.parse("a@b,"));
        assertEquals(List.of(), AddressParser.parse(""));
        assertEquals(List.of(), AddressParser.parse("  (just a comment) "));
    }

    @Test
    void marksAnAngleAddressLeftOpenAsASyntaxError() {
        assertEquals(List.of(a("Ned Freed", null, "n1", "SYNTAX_ERROR")),
                AddressParser.parse("Ned Freed <n1 Mar 1993 23:56:48 -0800 (PST)"));
        assertEquals(List.of(a(null, null, "g", "SYNTAX_ERROR")), AddressParser.parse("\"\" <g@"));
        assertEquals(List.of(a("a", null, "c", "SYNTAX_ERROR")), AddressParser.parse("a<c@d"));
    }

    @Test
    void readsOnAfterARouteWithoutColon() {
        assertEquals(List.of(a(null, "INVALID_ROUTE", "MISSING_MAILBOX", "MISSING_DOMAIN"),
                        a(null, "@a", "MISSING_MAILBOX", "MISSING_DOMAIN"), a(null, null, "c", "d")),
                AddressParser.parse("<@a>, <@a:>, c@d"));
    }

    @Test
    void takesWordsAfterABareWordAsADisplayName() {
        assertEquals(List.of(a("user more words", null, "MISSING_MAILBOX", "MISSING_DOMAIN")),
                AddressParser.parse("user more words"));
        assertEquals(List.of(a("q", null, "MISSING_MAILBOX", "MISSING_DOMAIN")), AddressParser.parse("\"q\" ;"));
        assertEquals(List.of(a(null, null, "user", "MISSING_DOMAIN")), AddressParser.parse("user ;"));
    }

    @Test
    void stopsAtTheFirstElementNotFollowedByAComma() {
        assertEquals(List.of(a(null, null, "a", "examplTo")), AddressParser.parse("a@examplTo: a@b, G: c@d;"));
        assertEquals(List.of(Address.groupStart("G1"), a(null, null, "a", "b"), Address.GROUP_END),
                AddressParser.parse("G1: a@b; G2:;, c@d"));
    }

    @Test
    void readsOnInAGroupAfterABrokenMailbox() {
        assertEquals(List.of(Address.groupStart("G"), a(null, null, "c", "MISSING_DOMAIN"), a(null, null, "d", "e"),
                Address.GROUP_END), AddressParser.parse("G: c @, d@e;"));
    }

    @Test
    void refusesADomainEndingInADot() {
        assertEquals(List.of(a(null, null, "list", "MISSING_DOMAIN")), AddressParser.parse("list@example.;est"));
    }

    @Test
    void losesNameAndDomainToAnUnterminatedComment() {
        // Dovecot: the comment that never ends makes the domain fail too
        assertEquals(List.of(a(null, null, "c", "MISSING_DOMAIN")), AddressParser.parse("c@x.test (Carol"));
    }

    @Test
    void keepsDomainLiterals() {
        assertEquals(List.of(a(null, null, "u", "[192.0.2.1]")), AddressParser.parse("u@[192.0.2.1]"));
    }

    @Test
    void stopsAtTheAddressLimit() {
        String many = "a@b, ".repeat(5000);
        assertEquals(AddressParser.ADDRESS_LIMIT, AddressParser.parse(many).size());
    }

    @Test
    void survivesUnbalancedEverything() {
        for (String garbage : List.of("\"", "(", "<", ">", ":", ";", "@@@", "<<<>>>", "a@(b", "\"a\\", "G: (x;",
                ":;:;", "<@a,@b", "[x", "a@[x", ",,,", "\\")) {
            List<Address> parsed = AddressParser.parse(garbage);
            assertTrue(parsed.size() <= garbage.length() + 2, garbage + " -> " + parsed);
        }
    }
}
