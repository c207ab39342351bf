package org.postilion.connector.smtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.smtp.PathParser.PathSyntaxException;
import org.postilion.connector.spi.MailAddress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arguments of MAIL FROM and RCPT TO (RFC 5321 section 4.1.2), good and bad. */
class PathParserTest {

    private static PathArgument mail(String afterColon) throws PathSyntaxException {
        return PathParser.parse(afterColon, true, false);
    }

    private static PathArgument rcpt(String afterColon) throws PathSyntaxException {
        return PathParser.parse(afterColon, false, false);
    }

    private static MailAddress address(String afterColon) throws PathSyntaxException {
        return rcpt(afterColon).address();
    }

    // ---- good paths

    @Test
    void parsesAPathInAngleBrackets() throws PathSyntaxException {
        PathArgument p = mail("<a@b.c>");

        assertEquals(new MailAddress("a", "b.c"), p.address());
        assertFalse(p.isNullPath());
        assertTrue(p.parameters().isEmpty());
    }

    @Test
    void acceptsTheNullPathForMail() throws PathSyntaxException {
        PathArgument p = mail("<>");

        assertTrue(p.isNullPath());
        assertNull(p.address());
    }

    @Test
    void acceptsTheNullPathWithParameters() throws PathSyntaxException {
        PathArgument p = mail("<> SIZE=1000");

        assertTrue(p.isNullPath());
        assertEquals(Map.of("SIZE", "1000"), p.parameters());
    }

    @Test
    void parsesAQuotedLocalPartWithoutItsQuotes() throws PathSyntaxException {
        MailAddress a = address("<\"a b\"@c.d>");

        assertEquals("a b", a.localPart());
        assertEquals("c.d", a.domain());
        assertEquals("\"a b\"@c.d", a.toString());
    }

    @Test
    void parsesQuotedPairsInAQuotedLocalPart() throws PathSyntaxException {
        assertEquals("a\"b\\c", address("<\"a\\\"b\\\\c\"@c.d>").localPart());
    }

    @Test
    void parsesAnIpv4AddressLiteral() throws PathSyntaxException {
        MailAddress a = address("<postmaster@[192.0.2.1]>");

        assertEquals("[192.0.2.1]", a.domain());
        assertTrue(a.isAddressLiteral());
    }

    @Test
    void parsesAnIpv6AddressLiteral() throws PathSyntaxException {
        MailAddress a = address("<postmaster@[IPv6:2001:db8::1]>");

        assertEquals("[ipv6:2001:db8::1]", a.domain());
        assertTrue(a.isAddressLiteral());
    }

    @Test
    void parsesAGeneralAddressLiteral() throws PathSyntaxException {
        assertEquals("[x-tag:some.content]", address("<u@[x-tag:some.content]>").domain());
    }

    @Test
    void ignoresASourceRoute() throws PathSyntaxException {
        assertEquals(new MailAddress("u", "d.example"), address("<@r1.example,@r2.example:u@d.example>"));
    }

    @Test
    void acceptsAPathWithoutAngleBrackets() throws PathSyntaxException {
        assertEquals(new MailAddress("u", "d.example"), address("u@d.example"));
    }

    @Test
    void acceptsSpacesAfterTheColon() throws PathSyntaxException {
        assertEquals(new MailAddress("u", "d.example"), address("  <u@d.example>"));
    }

    @Test
    void parsesEsmtpParametersInOrder() throws PathSyntaxException {
        PathArgument p = mail("<u@d.example> SIZE=100 BODY=8BITMIME");

        assertEquals(List.of("SIZE", "BODY"), List.copyOf(p.parameters().keySet()));
        assertEquals("100", p.parameters().get("SIZE"));
        assertEquals("8BITMIME", p.parameters().get("BODY"));
    }

    @Test
    void upperCasesParameterKeywordsAndKeepsValuesAsSent() throws PathSyntaxException {
        PathArgument p = mail("<u@d.example>  size=100 body=8bitmime smtputf8 ");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SIZE", "100");
        expected.put("BODY", "8bitmime");
        expected.put("SMTPUTF8", null);
        assertEquals(expected, p.parameters());
    }

    @Test
    void lowerCasesTheDomainAndKeepsTheCaseOfTheLocalPart() throws PathSyntaxException {
        MailAddress a = address("<Bob.Smith@Mail.EXAMPLE.Com>");

        assertEquals("Bob.Smith", a.localPart());
        assertEquals("mail.example.com", a.domain());
    }

    @Test
    void acceptsNonAsciiOnlyWithUtf8() throws PathSyntaxException {
        assertThrows(PathSyntaxException.class, () -> PathParser.parse("<jörg@example.com>", false, false));

        assertEquals("jörg", PathParser.parse("<jörg@example.com>", false, true).address().localPart());
    }

    @Test
    void acceptsTheLongestLocalPartAndLabel() throws PathSyntaxException {
        MailAddress a = address("<" + "l".repeat(64) + "@" + "d".repeat(63) + ".example>");

        assertEquals(64, a.localPart().length());
    }

    @Test
    void parsesABareMailbox() throws PathSyntaxException {
        assertEquals(new MailAddress("bob", "example.com"), PathParser.parseMailbox("bob@Example.com", false));
        assertThrows(PathSyntaxException.class, () -> PathParser.parseMailbox("<bob@example.com>", false));
        assertThrows(PathSyntaxException.class, () -> PathParser.parseMailbox("bob@example.com x", false));
    }

    // ---- bad paths

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "no domain                    | <a>",
        "empty domain                 | <a@>",
        "domain with trailing dot     | <a@b.c.>",
        "empty label                  | <a@b..c>",
        "label starting with '-'      | <a@-b.c>",
        "label ending with '-'        | <a@b-.c>",
        "empty local part             | <@b.c>",
        "local part with empty atom   | <a..b@c.d>",
        "local part starting with dot | <.a@c.d>",
        "unterminated quote           | <\"abc@d.example>",
        "unterminated literal         | <a@[192.0.2.1>",
        "bad IPv4 literal             | <a@[999.1.1.1]>",
        "short IPv4 literal           | <a@[1.2.3]>",
        "bad IPv6 literal             | <a@[IPv6:2001:db8::zz]>",
        "empty literal                | <a@[]>",
        "missing '>'                  | <a@b.c",
        "garbage after '>'            | <a@b.c>x",
        "second '@'                   | <a@b.c@d.e>",
        "space inside the path        | <a @b.c>",
        "empty argument               | ''",
        "only spaces                  | '   '",
        "source route without mailbox | <@r.example:>",
        "source route without colon   | <@r.example,u@d.example>",
        "control character            | <a\tb@c.d>"})
    void rejectsMalformedPath(String what, String argument) {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> mail(argument), what);
        assertFalse(e.inParameters(), what + " is an error of the path");
    }

    @Test
    void rejectsALabelLongerThan63() {
        assertThrows(PathSyntaxException.class, () -> rcpt("<a@" + "d".repeat(64) + ".example>"));
    }

    @Test
    void rejectsALocalPartLongerThan64() {
        assertThrows(PathSyntaxException.class, () -> rcpt("<" + "l".repeat(65) + "@example.com>"));
        assertThrows(PathSyntaxException.class, () -> rcpt("<\"" + "l".repeat(65) + "\"@example.com>"));
    }

    @Test
    void rejectsADomainLongerThan255() throws PathSyntaxException {
        String domain = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63));
        assertEquals(255, domain.length());
        assertEquals(domain, PathParser.parseMailbox("u@" + domain, false).domain());

        assertThrows(PathSyntaxException.class, () -> PathParser.parseMailbox("u@" + domain + ".e", false));
    }

    @Test
    void rejectsAPathLongerThan256() throws PathSyntaxException {
        String domain = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(61));
        String longest = "<" + "l".repeat(64) + "@" + domain + ">";
        assertEquals(256, longest.length());
        assertEquals(domain, address(longest).domain());

        assertThrows(PathSyntaxException.class, () -> rcpt("<" + "l".repeat(64) + "@" + domain + "x>"));
    }

    @Test
    void rejectsTheNullPathForRcpt() {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> rcpt("<>"));
        assertFalse(e.inParameters());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<jörg@example.com>", "<bob@exämple.com>", "<\"jörg\"@example.com>", "<b\u00f6b@x.y>"})
    void rejectsNonAsciiWithoutUtf8(String argument) {
        assertThrows(PathSyntaxException.class, () -> mail(argument));
    }

    @Test
    void rejectsNonAsciiInAQuotedPairWithoutUtf8() {
        assertThrows(PathSyntaxException.class, () -> mail("<\"\\\u00f6\"@example.com>"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "duplicate parameter            | <a@b.c> SIZE=1 size=2",
        "empty value                    | <a@b.c> SIZE=",
        "value without keyword          | <a@b.c> =100",
        "keyword starting with '-'      | <a@b.c> -X=1",
        "second '=' in value            | <a@b.c> SIZE=1=2",
        "keyword with bad character     | <a@b.c> SI_ZE=1",
        "non-ASCII value                | <a@b.c> ENVID=é"})
    void rejectsMalformedParameterOfAGoodPathAsAnErrorInParameters(String what, String argument) {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> mail(argument), what);
        assertTrue(e.inParameters(), what + " is an error of the parameters");
    }

    @Test
    void tellsABadPathFromABadParameter() {
        PathSyntaxException badPath = assertThrows(PathSyntaxException.class, () -> mail("<a@b..c> SIZE=1"));
        PathSyntaxException badParameter = assertThrows(PathSyntaxException.class, () -> mail("<a@b.c> SIZE="));

        assertFalse(badPath.inParameters());
        assertTrue(badParameter.inParameters());
    }

    // ---- the forms used to make a server relay: how each is read

    @Test
    void readsThePercentHackAsALocalPartOfTheLastDomain() throws PathSyntaxException {
        MailAddress a = address("<user%foreign@local>");

        assertEquals("user%foreign", a.localPart());
        assertEquals("local", a.domain());
    }

    @Test
    void readsAQuotedAddressAsALocalPartOfTheLastDomain() throws PathSyntaxException {
        MailAddress a = address("<\"user@foreign\"@local>");

        assertEquals("user@foreign", a.localPart());
        assertEquals("local", a.domain());
        assertEquals("\"user@foreign\"@local", a.toString());
    }

    @Test
    void readsASourceRouteThroughUsAsTheFinalDomain() throws PathSyntaxException {
        MailAddress a = address("<@local:user@foreign>");

        assertEquals("user", a.localPart());
        assertEquals("foreign", a.domain());
    }

    @Test
    void readsABangPathAsALocalPartOfTheLastDomain() throws PathSyntaxException {
        MailAddress a = address("<foreign!user@local>");

        assertEquals("foreign!user", a.localPart());
        assertEquals("local", a.domain());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<user@foreign@local>", "user@foreign@local", "<user>", "user", "<user@>"})
    void rejectsTwoAtSignsAndUnqualifiedAddresses(String argument) {
        assertThrows(PathSyntaxException.class, () -> rcpt(argument));
    }

    @Test
    void marksAnAddressLiteralAsSuch() throws PathSyntaxException {
        MailAddress a = address("<user@[1.2.3.4]>");

        assertTrue(a.isAddressLiteral());
        assertEquals("[1.2.3.4]", a.domain());
        assertFalse(address("<user@local>").isAddressLiteral());
    }

    @Test
    void lowerCasesAMixedCaseDomain() throws PathSyntaxException {
        assertEquals("local.example", address("<user@LoCaL.ExAmPle>").domain());
    }
}
