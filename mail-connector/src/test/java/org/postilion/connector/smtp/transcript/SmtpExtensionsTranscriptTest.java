package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.spi.Envelope;
import org.postilion.connector.spi.EnvelopeRecipient;
import org.postilion.connector.spi.EnvelopeRecipient.Notify;
import org.postilion.connector.spi.MailAddress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reached the backend when the scripts of the SMTP extensions ran (STARTTLS, implicit TLS, AUTH, BDAT,
 * SMTPUTF8, DSN, hostile data): the envelope, the trace header and the octets of each queued message. The
 * scripts themselves also run, unchecked, in {@link SmtpTranscriptTest}.
 */
class SmtpExtensionsTranscriptTest {

    private static final SmtpSettings DEFAULTS = SmtpSettings.mx("mx.test").build();
    /** The TLS comment of a Received: header, as the JDK's TLS 1.2 or 1.3 makes it. */
    private static final String TLS_COMMENT = "\t\\(using TLSv1\\.[23] with cipher TLS_[A-Z0-9_]+ \\(\\d+/\\d+ bits\\)\\)\r\n";

    private static EventLoops loops;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(2);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    /** Plays a script of transcripts/smtp against a fresh listener and fake; returns the messages queued. */
    private static List<FakeSmtpBackend.Message> play(String scriptName) throws IOException {
        return playWith(scriptName).accepted();
    }

    private static FakeSmtpBackend playWith(String scriptName) throws IOException {
        SmtpTranscript script = SmtpTranscript.load(SmtpTranscriptTest.scriptDirectory().resolve(scriptName));
        FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
        try (SmtpTestServer server = SmtpTestServer.start(loops, script.settings(DEFAULTS), backend)) {
            script.run(server.address(), () -> backend.accepted().size());
        }
        return backend;
    }

    /** The octets of a message after the Received: header the server put in front. */
    private static byte[] data(FakeSmtpBackend.Message message) {
        byte[] content = message.content();
        int pos = 0;
        do {
            while (!(content[pos] == '\r' && content[pos + 1] == '\n')) {
                pos++;
            }
            pos += 2;
        } while (pos < content.length && (content[pos] == '\t' || content[pos] == ' '));
        return Arrays.copyOfRange(content, pos, content.length);
    }

    private static byte[] bytes(int... octets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int octet : octets) {
            out.write(octet);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertMatches(String regex, String actual) {
        assertTrue(Pattern.compile(regex, Pattern.DOTALL).matcher(actual).matches(),
                "expected /" + regex + "/ but got:\n" + actual);
    }

    // --- TLS -------------------------------------------------------------------------------------------------

    @Test
    void namesTheTlsParametersAndEsmtpsInTheReceivedHeaderOfAMessageSentAfterStartTls() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("starttls.test");

        assertEquals(1, accepted.size());
        FakeSmtpBackend.Message message = accepted.get(0);
        String id = message.envelope().queueId();
        assertMatches("Received: from client\\.example \\(unknown \\[127\\.0\\.0\\.1]\\)\r\n" + TLS_COMMENT
                + "\tby mx\\.test \\(Postilion\\) with ESMTPS id " + id + "\r\n\tfor <bob@example\\.com>; .*\r\n",
                message.receivedHeader());
        assertTrue(message.envelope().session().tls().startsWith("using TLSv1."), message.envelope().session().tls());
        assertNull(message.envelope().session().authenticatedUser());
        assertEquals("Subject: over TLS\r\n\r\nnobody on the path read this\r\n", message.data());
    }

    @Test
    void queuesNothingForCommandsInjectedBeforeTheTlsHandshake() throws IOException {
        FakeSmtpBackend backend = playWith("starttls-injection.test");

        assertTrue(backend.accepted().isEmpty());
        assertEquals(List.of("bob@example.com"), backend.checks().stream().map(c -> c.recipient().toString()).toList(),
                "only the clear-text RCPT was asked about");
    }

    @Test
    void namesTlsEsmtpsaAndTheAuthenticatedSenderInTheReceivedHeaderOfAMessageSubmittedOverImplicitTls()
            throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("implicit-tls.test");

        assertEquals(1, accepted.size());
        FakeSmtpBackend.Message message = accepted.get(0);
        assertMatches("Received: from client\\.example \\(unknown \\[127\\.0\\.0\\.1]\\)\r\n" + TLS_COMMENT
                + "\t\\(Authenticated sender: bob@example\\.com\\)\r\n"
                + "\tby mx\\.test \\(Postilion\\) with ESMTPSA id " + message.envelope().queueId() + "\r\n"
                + "\tfor <alice@example\\.com>; .*\r\n", message.receivedHeader());
        assertEquals("submissions", message.envelope().session().listener());
        assertTrue(message.envelope().session().submission());
        assertEquals("bob@example.com", message.envelope().session().authenticatedUser());
    }

    // --- AUTH ------------------------------------------------------------------------------------------------

    @Test
    void namesEsmtpaAndTheAuthenticatedSenderWithoutTlsForAPlainAuthOnLoopback() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("auth-plain.test");

        assertEquals(1, accepted.size());
        FakeSmtpBackend.Message message = accepted.get(0);
        assertMatches("Received: from client\\.example \\(unknown \\[127\\.0\\.0\\.1]\\)\r\n"
                + "\t\\(Authenticated sender: bob@example\\.com\\)\r\n"
                + "\tby mx\\.test \\(Postilion\\) with ESMTPA id " + message.envelope().queueId() + "\r\n"
                + "\tfor <alice@example\\.com>; .*\r\n", message.receivedHeader());
        assertNull(message.envelope().session().tls());
        assertEquals(new MailAddress("bob", "example.com"), message.envelope().reversePath());
    }

    @Test
    void namesEsmtpsaForAMessageSubmittedAfterStartTlsAndAuth() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("auth-requires-tls.test");

        assertEquals(1, accepted.size());
        String received = accepted.get(0).receivedHeader();
        assertMatches("Received: from client\\.example \\(unknown \\[127\\.0\\.0\\.1]\\)\r\n" + TLS_COMMENT
                + "\t\\(Authenticated sender: bob@example\\.com\\)\r\n"
                + "\tby mx\\.test \\(Postilion\\) with ESMTPSA id .*", received);
    }

    @Test
    void asksAboutPasswordsOnlyForTheAttemptsThatReachedTheMechanism() throws IOException {
        FakeSmtpBackend backend = playWith("auth-errors.test");

        // of all the refusals, only the wrong password and the final right one asked the directory
        assertEquals(List.of("bob@example.com", "bob@example.com"), backend.authLookups());
    }

    @Test
    void relaysForTheAuthenticatedUserFromATaggedAddressOfHisOwn() throws IOException {
        FakeSmtpBackend backend = playWith("submission-senders.test");

        assertEquals(1, backend.accepted().size());
        Envelope envelope = backend.accepted().get(0).envelope();
        assertEquals(new MailAddress("bob+tag", "example.com"), envelope.reversePath());
        assertEquals(List.of(new MailAddress("carol", "elsewhere.example")),
                envelope.recipients().stream().map(EnvelopeRecipient::address).toList());
        assertEquals("bob@example.com", envelope.session().authenticatedUser());
        assertEquals(List.of("alice@example.com", "sales@example.com", "bob+tag@example.com"),
                backend.senderChecks().stream().map(c -> c.sender().toString()).toList(),
                "the sender is asked about only once authenticated");
    }

    // --- BDAT ------------------------------------------------------------------------------------------------

    @Test
    void queuesTheChunksOfEachMessageJoinedInOrder() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("bdat.test");

        assertEquals(List.of("0123456789", "Subject: chunks\r\n\r\nhello world\r\n", "Subject: one\r\n\r\nchunk\r\n"),
                accepted.stream().map(FakeSmtpBackend.Message::data).toList());
        assertEquals(Envelope.BodyType.SEVEN_BIT, accepted.get(0).envelope().bodyType());
    }

    @Test
    void queuesPipelinedChunksWithoutTakingChunkDataForCommands() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("bdat-pipelined.test");

        assertEquals(List.of("Subject: p\r\n\r\nhello\r\n", "NOOP\r\n"),
                accepted.stream().map(FakeSmtpBackend.Message::data).toList());
        assertEquals(List.of(new MailAddress("alice", "example.com")),
                accepted.get(1).envelope().recipients().stream().map(EnvelopeRecipient::address).toList());
    }

    @Test
    void queuesBinaryChunkDataOctetForOctet() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("bdat-binary.test");

        assertEquals(1, accepted.size());
        assertArrayEquals(concat(ascii("Subject: binary\r\n\r\nA"), bytes(0), ascii("B\nC\rD\r\n.\r\nE"),
                bytes(0xFF, 0xFE, 0)), data(accepted.get(0)));
        assertEquals(Envelope.BodyType.BINARY_MIME, accepted.get(0).envelope().bodyType());
    }

    @Test
    void endsATransactionWhoseDataWasRefusedWithBdatAndReadsBdatAfter354AsData() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("bdat-and-data.test");

        assertEquals(List.of("first", "second", "BDAT 4 LAST\r\n"),
                accepted.stream().map(FakeSmtpBackend.Message::data).toList());
    }

    @Test
    void dropsTheChunksOfATransactionEndedByRset() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("bdat-rset.test");

        assertEquals(List.of("kept!"), accepted.stream().map(FakeSmtpBackend.Message::data).toList());
    }

    @Test
    void queuesAChunkedMessageOfExactlyTheSizeLimit() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("bdat-size-limit.test");

        assertEquals(1, accepted.size());
        assertEquals("v".repeat(65536), accepted.get(0).data());
    }

    @Test
    void queuesOnlyTheCompleteMessageOfAChunkWithoutMailThatIsRefused() throws IOException {
        FakeSmtpBackend backend = playWith("bdat-without-mail.test");

        assertEquals(List.of("hello"), backend.accepted().stream().map(FakeSmtpBackend.Message::data).toList());
        assertEquals(List.of("bob@example.com"), backend.checks().stream().map(c -> c.recipient().toString()).toList());
    }

    // --- SMTPUTF8 --------------------------------------------------------------------------------------------

    @Test
    void asksTheBackendAboutInternationalizedDomainsByTheirALabels() throws IOException {
        FakeSmtpBackend backend = playWith("smtputf8.test");

        List<String> domains = backend.checks().stream().map(c -> c.recipient().domain()).toList();
        assertEquals(List.of("example.com", "example.com", "xn--fsqu00a.xn--4rr70v", "example.com"), domains);
        assertTrue(domains.get(2).startsWith("xn--"));
        assertEquals(new MailAddress("用户", "xn--fsqu00a.xn--4rr70v"), backend.checks().get(0).reversePath());
        assertEquals(new MailAddress("用户", "example.com"), backend.checks().get(0).recipient());
        assertEquals(new MailAddress("用户 名", "example.com"), backend.checks().get(1).recipient());
    }

    @Test
    void marksAnEnvelopeSentWithSmtpUtf8AndKeepsItsUtf8HeaderAsSent() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("smtputf8.test");

        assertEquals(1, accepted.size());
        Envelope envelope = accepted.get(0).envelope();
        assertTrue(envelope.smtpUtf8());
        assertEquals(new MailAddress("用户", "xn--fsqu00a.xn--4rr70v"), envelope.reversePath());
        assertEquals("From: 用户@例子.广告\r\nSubject: 你好\r\n\r\n世界\r\n", accepted.get(0).data());
    }

    // --- DSN -------------------------------------------------------------------------------------------------

    @Test
    void keepsRetEnvidNotifyAndOrcptWithTheEnvelope() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("dsn.test");

        assertEquals(2, accepted.size());
        Envelope first = accepted.get(0).envelope();
        assertEquals(Envelope.DsnReturn.HDRS, first.dsnReturn());
        assertEquals("QQ314159", first.envelopeId());
        assertEquals(List.of(
                new EnvelopeRecipient(new MailAddress("bob", "example.com"), Set.of(Notify.SUCCESS, Notify.FAILURE),
                        "rfc822;bob@example.com"),
                new EnvelopeRecipient(new MailAddress("alice", "example.com"), Set.of(Notify.NEVER), null)),
                first.recipients());

        Envelope second = accepted.get(1).envelope();
        assertEquals(Envelope.DsnReturn.FULL, second.dsnReturn());
        assertEquals("a+b=c", second.envelopeId(), "ENVID is xtext-decoded");
        assertEquals(List.of(new EnvelopeRecipient(new MailAddress("bob", "example.com"), Set.of(Notify.DELAY),
                "RFC822;bob+2Btag@example.com")), second.recipients(), "ORCPT is kept as sent");
    }

    @Test
    void leavesDsnFieldsEmptyWhenTheClientGaveNone() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("mail-transaction.test");

        Envelope envelope = accepted.get(0).envelope();
        assertNull(envelope.dsnReturn());
        assertNull(envelope.envelopeId());
        assertTrue(envelope.recipients().get(0).dsnNotify().isEmpty());
        assertNull(envelope.recipients().get(0).orcpt());
    }

    // --- limits and hostile data -----------------------------------------------------------------------------

    @Test
    void queuesEightBitHeaderOctetsOfAMessageWithoutSmtpUtf8Unchanged() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("data-8bit-header.test");

        assertEquals(1, accepted.size());
        assertArrayEquals(concat(ascii("From: J"), bytes(0xFC), ascii("rgen <sender@client.example>\r\nSubject: caf"),
                bytes(0xE9), ascii(" "), bytes(0xC3, 0xA9), ascii("t"), bytes(0xC3, 0xA9), ascii("\r\n\r\nna"),
                bytes(0xEF), ascii("ve\r\n")), data(accepted.get(0)));
        assertFalse(accepted.get(0).envelope().smtpUtf8());
        assertEquals(Envelope.BodyType.SEVEN_BIT, accepted.get(0).envelope().bodyType());
    }

    @Test
    void queuesALineOfAHundredKilobytesWhole() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("data-long-line.test");

        assertEquals(1, accepted.size());
        assertEquals("Subject: a long line\r\n\r\n" + "x".repeat(100_000) + "\r\n", accepted.get(0).data());
    }

    @Test
    void queuesAMessageForTheRecipientsWithinTheLimitOnly() throws IOException {
        List<FakeSmtpBackend.Message> accepted = play("recipient-limit.test");

        assertEquals(1, accepted.size());
        assertEquals(List.of(new MailAddress("bob", "example.com"), new MailAddress("alice", "example.com")),
                accepted.get(0).envelope().recipients().stream().map(EnvelopeRecipient::address).toList());
    }
}
