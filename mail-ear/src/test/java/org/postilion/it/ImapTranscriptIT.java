package org.postilion.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.imap.transcript.FakeImapStore;
import org.postilion.connector.imap.transcript.ImapTranscript;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.ExampleDomain;
import org.postilion.it.support.ImapConversation;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IMAP transcript scripts that mail-connector plays in-process against a fake store, played over sockets
 * against WildFly with the real EAR: every script that {@link ImapTranscript#portable()} allows, on the IMAPS
 * listener when it says {@code tls=implicit} and on the IMAP (STARTTLS) listener otherwise.
 *
 * <p>The scripts are written for bob@example.com and alice@example.com with fresh mailboxes ({@code * 2 EXISTS}
 * after two deliveries), but mailboxes on the server outlive a script (and, on PostgreSQL, a run). So each
 * script gets users of its own: its text is rewritten before it is parsed, {@code bob@example.com} becoming
 * {@code bob-<script>-<run>@example.com} (and alike for alice, in any letter case, so that login.test's
 * {@code Bob@Example.com} still checks that addresses are case-insensitive). Base64 tokens that decode to text
 * naming one of them (AUTHENTICATE PLAIN in authenticate.test) are decoded, rewritten and encoded again rather
 * than left to bob: the script's failed attempts must not count against a user that other tests log in as, and
 * the rewritten token checks the same thing. Literal lengths are not rewritten: a script that sends a user name
 * as a literal ({@code {15+}}, literal-minus.test) would need that, and none of the portable ones does.
 *
 * <p>The users get the quota that the fake store gives everyone ({@link FakeImapStore#STORAGE_LIMIT}).
 *
 * <p>DELIVER goes through the MX listener over SMTP, so delivered messages have the server's
 * {@code Received:} line (scripts that depend on exact sizes are marked FAKE-ONLY). Delivery is asynchronous
 * (JMS), so each DELIVER waits until IMAP STATUS, on a connection of its own, shows the message.
 *
 * <p>The script connections come from {@value #CLIENT}: login.test and authenticate.test fail on purpose, and
 * the server's throttle counts failures per client address, which the other tests share on 127.0.0.1.
 */
@ExtendWith(ArquillianExtension.class)
class ImapTranscriptIT {

    private static final String CLIENT = "127.0.0.5";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    /** bob or alice at example.com as a whole address, in any letter case (the groups keep it). */
    private static final Pattern USER = Pattern.compile(
            "(?i)(?<![\\w.%+-])(bob|alice)(@example\\.com)(?![\\w-])");
    private static final Pattern BASE64 = Pattern.compile("(?<![\\w+/=])[A-Za-z0-9+/]{8,}={0,2}(?![\\w+/=])");
    private static final Pattern MESSAGES = Pattern.compile("\\(MESSAGES (\\d+)\\)");
    /** Told apart from earlier runs on the same (PostgreSQL) database. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final AdminClient ADMIN = new AdminClient();

    @BeforeAll
    static void directory() {
        ADMIN.ensureDomain(ExampleDomain.DOMAIN);
    }

    @TestFactory
    Stream<DynamicTest> everyPortableScriptPassesAgainstWildFly() throws IOException {
        Path dir = Path.of(System.getProperty("it.imap.transcripts.dir"));
        List<Path> scripts = ImapTranscript.scripts(dir).stream()
                .filter(script -> load(script).portable()).toList();
        assertTrue(scripts.size() > 10, "the portable transcript scripts are at " + dir + ": " + scripts);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(),
                () -> play(script)));
    }

    private static void play(Path script) throws IOException {
        String name = script.getFileName().toString();
        String suffix = "-" + name.replaceFirst("\\.test$", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-") + "-" + RUN;
        Map<String, String> passwords = Map.of(
                "bob" + suffix + "@" + ExampleDomain.DOMAIN, ExampleDomain.BOB_PASSWORD,
                "alice" + suffix + "@" + ExampleDomain.DOMAIN, ExampleDomain.ALICE_PASSWORD);
        passwords.forEach((user, password) -> {
            ADMIN.ensureUser(user, password);
            // the fake store gives every user this quota, and quota-id-enable.test reads it (no limit, no root)
            AdminClient.Reply quota = ADMIN.put("/users/" + AdminClient.encode(user) + "/quota",
                    "{\"bytes\": " + FakeImapStore.STORAGE_LIMIT + "}");
            assertEquals(200, quota.status(), quota.body());
        });

        String text = rewriteBase64(Files.readString(script, StandardCharsets.UTF_8), suffix);
        ImapTranscript transcript = ImapTranscript.parse(name, rewriteUsers(text, suffix).lines().toList());
        boolean implicitTls = transcript.settings(ImapSettings.imap("mx.test").build()).tlsMode()
                == ImapSettings.TlsMode.IMPLICIT;
        int port = implicitTls ? TestServer.imapsPort() : TestServer.imapPort();
        transcript.run(new InetSocketAddress(TestServer.HOST, port), InetAddress.getByName(CLIENT),
                (user, mailbox, message) -> deliver(user, passwords.get(user.toLowerCase(Locale.ROOT)), mailbox,
                        message));
    }

    private static String rewriteUsers(String text, String suffix) {
        return USER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + suffix + m.group(2)));
    }

    /** Base64 tokens (SASL responses) whose bytes name bob or alice, with the names rewritten. */
    private static String rewriteBase64(String text, String suffix) {
        return BASE64.matcher(text).replaceAll(m -> {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(m.group()), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException notBase64) {
                return Matcher.quoteReplacement(m.group());
            }
            if (!USER.matcher(decoded).find()) {
                return Matcher.quoteReplacement(m.group());
            }
            return Base64.getEncoder().encodeToString(rewriteUsers(decoded, suffix)
                    .getBytes(StandardCharsets.ISO_8859_1));
        });
    }

    /**
     * A DELIVER step: the message goes to the MX listener over SMTP, then this waits until the user's INBOX has
     * one more message. RCPT TO names no mailbox, so only INBOX can be reached this way.
     */
    private static void deliver(String user, String password, String mailbox, String message) throws IOException {
        if (!mailbox.equals("INBOX") || password == null) {
            throw new IllegalArgumentException("DELIVER over SMTP reaches only the INBOX of the script's users, not "
                    + user + " " + mailbox);
        }
        try (ImapConversation imap = ImapConversation.login(user, password)) {
            long before = messages(imap);
            try (SmtpConversation smtp = SmtpConversation.open()) {
                expect(220, smtp.reply());
                expect(250, smtp.command("EHLO client.example"));
                expect(250, smtp.command("MAIL FROM:<sender@client.example>"));
                expect(250, smtp.command("RCPT TO:<" + user + ">"));
                expect(354, smtp.command("DATA"));
                // data() ends the last line with CRLF itself: one more would add an empty line to the message
                expect(250, smtp.data(message.endsWith("\r\n") ? message.substring(0, message.length() - 2)
                        : message));
                smtp.command("QUIT");
            }
            await("delivery to " + user + " over SMTP").atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> messages(imap) > before);
        }
    }

    private static long messages(ImapConversation imap) throws IOException {
        ImapConversation.Response status = imap.command("STATUS INBOX (MESSAGES)");
        Matcher m = MESSAGES.matcher(String.join("\n", status.untagged()));
        if (!status.ok() || !m.find()) {
            throw new AssertionError("STATUS INBOX: " + status);
        }
        return Long.parseLong(m.group(1));
    }

    private static void expect(int code, SmtpConversation.Reply reply) {
        assertEquals(code, reply.code(), reply.toString());
    }

    private static ImapTranscript load(Path script) {
        try {
            return ImapTranscript.load(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
