package org.postilion.connector.smtp.command;

import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.smtp.CommandLine;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.smtp.SmtpTransaction;
import org.postilion.connector.smtp.transcript.FakeSmtpBackend;
import org.postilion.connector.spi.AuthThrottle;
import org.postilion.connector.spi.Envelope.BodyType;
import org.postilion.connector.spi.Envelope.DsnReturn;
import org.postilion.connector.spi.EnvelopeRecipient.Notify;
import org.postilion.connector.spi.EnvelopeRecipient;
import org.postilion.connector.spi.MailAddress;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ESMTP parameters of MAIL (SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH) and RCPT (NOTIFY, ORCPT): what each
 * accepts, what the transaction keeps of it, and the reply to a bad value. A refused command changes nothing.
 */
class MailAndRcptParametersTest {

    private static final SmtpCommands COMMANDS = SmtpCommands.defaults();

    private final FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
    private final SmtpSession session = new SmtpSession(SmtpSettings.defaults("mx.test"), backend,
            AuthThrottle.defaults(), ImmediateEventExecutor.INSTANCE, "192.0.2.1");

    MailAndRcptParametersTest() {
        send("EHLO client.example");
    }

    private String send(String line) {
        return COMMANDS.dispatch(session, CommandLine.of(line)).toCompletableFuture().join().toString();
    }

    /** Sends MAIL with the parameters, expects 250, and returns the transaction begun. */
    private SmtpTransaction mail(String parameters) {
        send("RSET");
        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<a@b.example> " + parameters));
        return session.transaction();
    }

    /** The reply to MAIL with the parameters, which must begin no transaction. */
    private String refusedMail(String parameters) {
        send("RSET");
        String reply = send("MAIL FROM:<a@b.example> " + parameters);
        assertNull(session.transaction(), "no transaction after: " + reply);
        return reply;
    }

    /** Sends RCPT for bob with the parameters in a fresh transaction, expects 250, returns the recipient kept. */
    private EnvelopeRecipient rcpt(String parameters) {
        mail("");
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<bob@example.com> " + parameters));
        return session.transaction().recipients().get(0);
    }

    /** The reply to RCPT with the parameters, which must add no recipient and ask the backend nothing. */
    private String refusedRcpt(String parameters) {
        mail("");
        int asked = backend.checks().size();
        String reply = send("RCPT TO:<bob@example.com> " + parameters);
        assertTrue(session.transaction().recipients().isEmpty(), "no recipient after: " + reply);
        assertEquals(asked, backend.checks().size(), "the backend was not asked");
        return reply;
    }

    // --- MAIL ------------------------------------------------------------------------------------------------

    @Test
    void beginsATransactionWithoutParametersWithTheDefaults() {
        SmtpTransaction t = mail("");

        assertEquals(-1, t.declaredSize());
        assertEquals(BodyType.SEVEN_BIT, t.bodyType());
        assertFalse(t.smtpUtf8());
        assertNull(t.dsnReturn());
        assertNull(t.envelopeId());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "000123,123", "10240000,10240000", "00000000000000000000,0"})
    void keepsTheDeclaredSize(String value, long size) {
        assertEquals(size, mail("SIZE=" + value).declaredSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10240001", "99999999999999999999", "9223372036854775808"})
    void refusesADeclaredSizeOverTheLimitWith552(String value) {
        assertEquals("552 5.3.4 Message size exceeds fixed limit", refusedMail("SIZE=" + value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE", "SIZE=-1", "SIZE=1e3", "SIZE=12k", "SIZE=+5", "SIZE=123456789012345678901"})
    void refusesASizeThatIsNotADecimalNumberWith501(String parameter) {
        assertEquals("501 5.5.4 Bad message size syntax", refusedMail(parameter));
    }

    @ParameterizedTest
    @CsvSource({"7BIT,SEVEN_BIT", "8BITMIME,EIGHT_BIT_MIME", "8bitmime,EIGHT_BIT_MIME", "BINARYMIME,BINARY_MIME",
            "binaryMIME,BINARY_MIME"})
    void keepsTheBodyTypeInAnyCase(String value, BodyType type) {
        assertEquals(type, mail("BODY=" + value).bodyType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BODY", "BODY=8BIT", "BODY=BINARY", "BODY=7BITMIME"})
    void refusesAnUnknownBodyTypeWith501(String parameter) {
        assertEquals("501 5.5.4 Bad BODY parameter", refusedMail(parameter));
    }

    @Test
    void marksTheTransactionSmtpUtf8() {
        assertTrue(mail("SMTPUTF8").smtpUtf8());
        assertTrue(mail("smtputf8").smtpUtf8());
        assertEquals("501 5.5.4 SMTPUTF8 takes no value", refusedMail("SMTPUTF8=yes"));
    }

    @ParameterizedTest
    @CsvSource({"FULL,FULL", "HDRS,HDRS", "hdrs,HDRS", "Full,FULL"})
    void keepsRetInAnyCase(String value, DsnReturn ret) {
        assertEquals(ret, mail("RET=" + value).dsnReturn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RET", "RET=NONE", "RET=HEADERS"})
    void refusesAnUnknownRetWith501(String parameter) {
        assertEquals("501 5.5.4 Bad RET parameter", refusedMail(parameter));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"QQ314159|QQ314159", "a+2Bb|a+b", "x+3Dy+20z|x=y z"})
    void keepsTheEnvelopeIdXtextDecoded(String value, String decoded) {
        assertEquals(decoded, mail("ENVID=" + value).envelopeId());
    }

    @Test
    void acceptsEnvelopeIdsOfUpToAHundredCharacters() {
        assertEquals("x".repeat(100), mail("ENVID=" + "x".repeat(100)).envelopeId());
        assertEquals("501 5.5.4 Bad ENVID parameter", refusedMail("ENVID=" + "x".repeat(101)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ENVID", "ENVID=QQ+2", "ENVID=a+2bb", "ENVID=caf\u00E9"})
    void refusesAnEnvelopeIdThatIsNotXtextWith501(String parameter) {
        assertTrue(refusedMail(parameter).startsWith("501 5.5.4 "));
    }

    @Test
    void refusesAnEnvelopeIdThatDecodesToControlCharactersWith501() {
        assertEquals("501 5.5.4 Bad ENVID parameter", refusedMail("ENVID=QQ+0D+0ABcc:+20x"));
        assertEquals("501 5.5.4 Bad ENVID parameter", refusedMail("ENVID=QQ+00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH=<>", "AUTH=bob@example.com", "AUTH=bob+2Btag@example.com"})
    void acceptsAndIgnoresTheAuthParameter(String parameter) {
        SmtpTransaction t = mail(parameter);

        assertEquals(new MailAddress("a", "b.example"), t.reversePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH", "AUTH=bob+zz@example.com", "AUTH=<bob@example.com>x+"})
    void refusesAnAuthParameterThatIsNotXtextWith501(String parameter) {
        assertEquals("501 5.5.4 Bad AUTH parameter", refusedMail(parameter));
    }

    @Test
    void keepsEveryParameterOfOneMailAtOnceWhateverTheirCaseAndOrder() {
        SmtpTransaction t = mail("envid=QQ1 smtputf8 ret=hdrs body=8bitmime size=500");

        assertEquals("QQ1", t.envelopeId());
        assertTrue(t.smtpUtf8());
        assertEquals(DsnReturn.HDRS, t.dsnReturn());
        assertEquals(BodyType.EIGHT_BIT_MIME, t.bodyType());
        assertEquals(500, t.declaredSize());
    }

    @Test
    void refusesARepeatedParameterAsASyntaxError() {
        assertEquals("501 5.5.4 Syntax: MAIL FROM:<address>", refusedMail("SIZE=1 SIZE=2"));
        assertEquals("501 5.5.4 Syntax: MAIL FROM:<address>", refusedMail("RET=FULL ret=HDRS"));
    }

    @Test
    void refusesTheWholeCommandForOneBadParameterAmongGoodOnes() {
        assertEquals("501 5.5.4 Bad RET parameter", refusedMail("SIZE=100 BODY=8BITMIME RET=NEVER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "FOO=BAR", "MT-PRIORITY=3", "NOTIFY=NEVER", "XVERP"})
    void refusesParametersOfExtensionsNotOfferedWith555(String parameter) {
        String keyword = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
        assertEquals("555 5.5.4 Unsupported option: " + keyword, refusedMail(parameter));
    }

    @Test
    void refusesANonAsciiSenderWithoutSmtpUtf8With553AndAcceptsItWithIt() {
        send("RSET");
        assertEquals("553 5.6.7 Non-ASCII address not permitted without SMTPUTF8",
                send("MAIL FROM:<\u7528\u6237@example.org>"));
        assertNull(session.transaction());

        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<\u7528\u6237@example.org> SMTPUTF8"));
        assertEquals(new MailAddress("\u7528\u6237", "example.org"), session.transaction().reversePath());
    }

    @Test
    void refusesASenderWithAnInternationalizedDomainWithoutSmtpUtf8With553() {
        send("RSET");

        assertEquals("553 5.6.7 Non-ASCII address not permitted without SMTPUTF8",
                send("MAIL FROM:<user@\u4F8B\u5B50.\u5E7F\u544A>"));
        assertNull(session.transaction());
    }

    @Test
    void refusesARecipientWithAnInternationalizedDomainWithoutSmtpUtf8With553() {
        mail("");

        assertEquals("553 5.6.7 Non-ASCII address not permitted without SMTPUTF8",
                send("RCPT TO:<bob@\u4F8B\u5B50.\u5E7F\u544A>"));
        assertTrue(session.transaction().recipients().isEmpty());
        assertTrue(backend.checks().isEmpty(), "the backend was not asked: " + backend.checks());
    }

    // --- RCPT ------------------------------------------------------------------------------------------------

    @Test
    void addsARecipientWithoutParametersWithNoDsnRequest() {
        assertEquals(EnvelopeRecipient.of(new MailAddress("bob", "example.com")), rcpt(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NOTIFY=SUCCESS|SUCCESS",
            "NOTIFY=success,failure|SUCCESS FAILURE",
            "NOTIFY=DELAY,FAILURE,SUCCESS|SUCCESS FAILURE DELAY",
            "NOTIFY=never|NEVER"})
    void keepsNotify(String parameter, String values) {
        Set<Notify> expected = java.util.Arrays.stream(values.split(" ")).map(Notify::valueOf)
                .collect(java.util.stream.Collectors.toSet());

        assertEquals(expected, rcpt(parameter).dsnNotify());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOTIFY", "NOTIFY=NEVER,SUCCESS", "NOTIFY=FAILURE,NEVER", "NOTIFY=SUCCESS,SUCCESS",
            "NOTIFY=SUCCESS,", "NOTIFY=,SUCCESS", "NOTIFY=ALWAYS", "NOTIFY=SUCCESS;FAILURE"})
    void refusesABadNotifyWith501(String parameter) {
        assertEquals("501 5.5.4 Bad NOTIFY parameter", refusedRcpt(parameter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc822;bob@example.com", "RFC822;Bob@Example.COM", "rfc822;bob+2Btag@example.com",
            "x-local-1;anything", "utf-8;bob@example.com"})
    void keepsOrcptAsSent(String value) {
        assertEquals(value, rcpt("ORCPT=" + value).orcpt());
    }

    @Test
    void keepsOrcptOfUpToFiveHundredCharacters() {
        String longest = "rfc822;" + "x".repeat(493);

        assertEquals(longest, rcpt("ORCPT=" + longest).orcpt());
        assertEquals("501 5.5.4 Bad ORCPT parameter", refusedRcpt("ORCPT=" + longest + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ORCPT", "ORCPT=bob@example.com", "ORCPT=rfc822;", "ORCPT=;bob@example.com",
            "ORCPT=-x;bob@example.com", "ORCPT=rfc_822;bob@example.com", "ORCPT=rfc822;bob+zz@example.com",
            "ORCPT=rfc822;bob+2b@example.com"})
    void refusesABadOrcptWith501(String parameter) {
        assertEquals("501 5.5.4 Bad ORCPT parameter", refusedRcpt(parameter));
    }

    @Test
    void keepsNotifyAndOrcptTogether() {
        assertEquals(new EnvelopeRecipient(new MailAddress("bob", "example.com"), Set.of(Notify.SUCCESS, Notify.FAILURE),
                "rfc822;bob@example.com"), rcpt("ORCPT=rfc822;bob@example.com NOTIFY=SUCCESS,FAILURE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XFORWARD=1", "SIZE=10", "RET=FULL", "SMTPUTF8"})
    void refusesParametersThatDoNotBelongToRcptWith555(String parameter) {
        String keyword = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
        assertEquals("555 5.5.4 Unsupported option: " + keyword, refusedRcpt(parameter));
    }

    @Test
    void refusesARepeatedRcptParameterAsASyntaxError() {
        assertEquals("501 5.5.4 Syntax: RCPT TO:<address>", refusedRcpt("NOTIFY=NEVER NOTIFY=NEVER"));
    }

    @Test
    void keepsTheDsnRequestOfThePostmasterWithoutADomain() {
        mail("");

        assertEquals("250 2.1.5 Ok", send("RCPT TO:<Postmaster> NOTIFY=NEVER"));

        assertEquals(List.of(new EnvelopeRecipient(new MailAddress("postmaster", "mx.test"), Set.of(Notify.NEVER), null)),
                session.transaction().recipients());
    }

    @Test
    void addsNoRecipientTheBackendRefusesWhateverItsParameters() {
        mail("");

        assertTrue(send("RCPT TO:<nobody@example.com> NOTIFY=SUCCESS ORCPT=rfc822;nobody@example.com")
                .startsWith("550 5.1.1 "));

        assertTrue(session.transaction().recipients().isEmpty());
    }
}
