package org.postilion.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.RemoteWorld;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remote delivery on loopback, against real programs: Debian's dnsmasq serves the test domains' MX, A and null MX
 * records; the remote MTAs are Python's aiosmtpd ({@code outbound/smtp_sink.py}) on 127.0.0.x, one of them with
 * STARTTLS, answering as each case needs. The server is started with {@code postilion.dns.*} pointing at dnsmasq,
 * {@code postilion.outbound.port} at the sinks' port, and retries after 1-2 s.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundDeliveryIT {

    private static final int REMOTE_PORT = RemoteWorld.REMOTE_PORT;
    private static final String PASSWORD = "outbound test password";

    private static final AdminClient ADMIN = new AdminClient();
    private static RemoteWorld world;
    private static String domain;
    private static String sender;
    private static String relaySender;
    private static String queueSender;

    @BeforeAll
    static void startDnsAndRemoteServers() throws Exception {
        world = RemoteWorld.withDns(
                // two exchangers: the first with STARTTLS and per-recipient answers
                "mx-host=good.test,mx1.good.test,10", "mx-host=good.test,mx2.good.test,20",
                "host-record=mx1.good.test,127.0.0.2", "host-record=mx2.good.test,127.0.0.3",
                // the first exchanger refuses connections (nothing listens there)
                "mx-host=fallback.test,mx1.fallback.test,10", "mx-host=fallback.test,mx2.fallback.test,20",
                "host-record=mx1.fallback.test,127.0.0.6", "host-record=mx2.fallback.test,127.0.0.3",
                // the first exchanger answers MAIL FROM with 451
                "mx-host=busy.test,mx1.busy.test,10", "mx-host=busy.test,mx2.busy.test,20",
                "host-record=mx1.busy.test,127.0.0.7", "host-record=mx2.busy.test,127.0.0.3",
                // no MX, an address
                "host-record=amx.test,127.0.0.3",
                // null MX (RFC 7505): preference 0, target the root
                "dns-rr=nullmx.test,15,000000",
                // every exchanger down
                "mx-host=down.test,mx1.down.test,10", "host-record=mx1.down.test,127.0.0.8",
                // down until a test starts its exchanger
                "mx-host=held.test,mx.held.test,10", "host-record=mx.held.test,127.0.0.11");
        Path[] tls = world.certificate("mx1.good.test");
        Path cert = tls[0];
        Path key = tls[1];
        sink("127.0.0.2", "--cert", cert.toString(), "--key", key.toString(),
                "--rcpt-reply", "bad=550 5.1.1 <bad>: no such user here", "--fail-first", "later=1");
        sink("127.0.0.3");
        sink("127.0.0.7", "--mail-reply", "451 4.3.2 too busy, come back later");
        // relays (smart hosts): one with STARTTLS and AUTH, one with TLS from the first byte and AUTH
        sink("127.0.0.9", "--cert", cert.toString(), "--key", key.toString(), "--auth", "relayuser:relaysecret");
        sink("127.0.0.10", "--cert", cert.toString(), "--key", key.toString(), "--implicit-tls",
                "--auth", "relayuser:relaysecret");

        domain = TestServer.uniqueDomain("out");
        sender = "sam@" + domain;
        ADMIN.createDomain(domain);
        ADMIN.createUser(sender, PASSWORD);
        String relayDomain = TestServer.uniqueDomain("relayed");
        relaySender = "rita@" + relayDomain;
        ADMIN.createDomain(relayDomain);
        ADMIN.createUser(relaySender, PASSWORD);
        String queueDomain = TestServer.uniqueDomain("queued");
        queueSender = "carl@" + queueDomain;
        ADMIN.createDomain(queueDomain);
        ADMIN.createUser(queueSender, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aSubmittedMessageGoesToTheLowestPreferenceExchangerOverStartTls() throws Exception {
        submit("Subject: first\r\n\r\nhello out there\r\n", "anna@good.test");
        JsonObject got = arrived("127.0.0.2", "anna@good.test");
        assertEquals(sender, got.getString("mail_from"));
        assertTrue(got.getBoolean("tls"), "opportunistic STARTTLS");
        assertEquals("mx.test", got.getString("helo"));
        assertTrue(got.getString("data").contains("hello out there"));
        assertTrue(got.getString("data").startsWith("Received: "), "the trace header added at submission");
    }

    @Test
    void aRefusedConnectionFallsBackToTheNextExchanger() throws Exception {
        submit("Subject: fallback\r\n\r\nvia mx2\r\n", "bert@fallback.test");
        assertEquals(List.of("bert@fallback.test"), arrived("127.0.0.3", "bert@fallback.test").getJsonArray("rcpt_tos")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void a4xxToMailFromFallsBackToTheNextExchanger() throws Exception {
        submit("Subject: busy\r\n\r\nvia mx2\r\n", "cleo@busy.test");
        arrived("127.0.0.3", "cleo@busy.test");
        assertTrue(world.taken("127.0.0.7").isEmpty(), "the busy exchanger took nothing");
    }

    @Test
    void aDomainWithoutMxIsReachedAtItsAddress() throws Exception {
        submit("Subject: implicit\r\n\r\nno MX\r\n", "dora@amx.test");
        arrived("127.0.0.3", "dora@amx.test");
    }

    @Test
    void mixedResultsDeliverRetryAndBounceEachRecipient() throws Exception {
        int before = ADMIN.inbox(sender).size();
        submit("Subject: mixed\r\nMessage-ID: <mixed@" + domain + ">\r\n\r\nthree recipients\r\n",
                "good1@good.test", "bad1@good.test", "later1@good.test");
        arrived("127.0.0.2", "good1@good.test");
        // 451 at the first attempt, 250 at the retry a second later
        arrived("127.0.0.2", "later1@good.test");
        MimeMessage bounce = newMessage(before, "Undelivered Mail Returned to Sender");
        assertEquals("<>", bounce.getHeader("Return-Path", null), "from the null sender");
        MimeMultipart report = (MimeMultipart) bounce.getContent();
        String status = new String(report.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.contains("Final-Recipient: rfc822; bad1@good.test"), status);
        assertFalse(status.contains("good1@good.test") || status.contains("later1@good.test"), status);
        assertTrue(status.contains("Action: failed") && status.contains("Status: 5.1.1"), status);
        assertTrue(status.contains("Diagnostic-Code: smtp; 550 5.1.1 <bad>: no such user here"), status);
        assertTrue(status.contains("Remote-MTA: dns; mx1.good.test"), status);
        String returned = new String(report.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(returned.contains("Message-ID: <mixed@" + domain + ">"), returned);
        pythonReadsTheReport(bounce);

        // the queue shows the message done, each recipient's fate, and its trace
        String queueId = status.lines().filter(l -> l.startsWith("X-Postilion-Queue-ID: ")).findFirst().orElseThrow()
                .substring("X-Postilion-Queue-ID: ".length());
        JsonObject entry = await().atMost(Duration.ofSeconds(10)).until(
                () -> ADMIN.get("/queue/" + queueId).json(),
                q -> q.getJsonObject("message").getString("state").equals("DONE"));
        List<String> states = entry.getJsonObject("message").getJsonArray("recipients").getValuesAs(JsonObject.class)
                .stream().map(r -> r.getString("address") + "=" + r.getString("status")).toList();
        assertEquals(List.of("good1@good.test=DELIVERED", "bad1@good.test=BOUNCED", "later1@good.test=DELIVERED"),
                states);
        List<String> events = entry.getJsonArray("trace").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("event") + ":" + e.getString("recipient", "")).toList();
        assertTrue(events.containsAll(List.of("queued:later1@good.test", "deferred:later1@good.test",
                "delivered:later1@good.test", "bounced:bad1@good.test", "dsn-failure:bad1@good.test")), events.toString());
        JsonObject delivered = entry.getJsonArray("trace").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("event").equals("delivered")).findFirst().orElseThrow();
        assertTrue(delivered.getString("tls").startsWith("TLSv1."), delivered.toString());
        assertEquals("127.0.0.2", delivered.getString("remoteIp"));

        AdminClient.Reply listed = ADMIN.get("/queue?recipient=bad1@good.test&state=done");
        assertEquals("1", listed.header("X-Total-Count"), listed.body());
        assertEquals(queueId, listed.array().getJsonObject(0).getString("queueId"));
        assertEquals(400, ADMIN.get("/queue?state=lost").status());

        // a domain admin of another domain does not see it, by id or in lists
        String other = TestServer.uniqueDomain("otherq");
        ADMIN.createDomain(other);
        String name = "qadmin" + System.nanoTime();
        AdminClient.expect(201, ADMIN.post("/admins", Json.createObjectBuilder().add("name", name)
                .add("password", PASSWORD + " for admins").add("role", "domain-admin")
                .add("domains", Json.createArrayBuilder().add(other)).build().toString()));
        AdminClient outsider = AdminClient.signIn(name, PASSWORD + " for admins");
        assertEquals(404, outsider.get("/queue/" + queueId).status());
        assertEquals("0", outsider.get("/queue?recipient=bad1@good.test").header("X-Total-Count"));
        assertEquals(404, outsider.get("/queue?domain=" + domain).status());
        assertEquals(200, ADMIN.get("/queue?domain=" + domain).status());

        String metrics = ADMIN.get("/metrics").body();
        for (String outcome : List.of("delivered", "deferred", "bounced")) {
            assertTrue(metrics.matches("(?s).*\\npostilion_outbound_recipients_total\\{status=\"" + outcome
                    + "\"\\} [1-9].*"), outcome + " counted");
        }
    }

    @Test
    void aNullMxBouncesAtOnce() throws Exception {
        int before = ADMIN.inbox(sender).size();
        submit("Subject: to null\r\n\r\nnobody takes this\r\n", "erik@nullmx.test");
        MimeMessage bounce = newMessage(before, "Undelivered Mail Returned to Sender");
        String status = new String(((MimeMultipart) bounce.getContent()).getBodyPart(1).getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.contains("Status: 5.1.10"), status);
        assertTrue(status.contains("null MX"), status);
    }

    @Test
    void aSenderIsWarnedWhileEveryExchangerIsDownAndNoBounceFollows() throws Exception {
        int before = ADMIN.inbox(sender).size();
        submit("Subject: waiting\r\n\r\nthe remote is down\r\n", "fred@down.test");
        MimeMessage warning = newMessage(before, "Delayed Mail (still being retried)");
        String status = new String(((MimeMultipart) warning.getContent()).getBodyPart(1).getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.contains("Action: delayed") && status.contains("Will-Retry-Until: "), status);
        assertTrue(status.contains("Status: 4.4.1"), status);
        // for 4 s of retries (every 1-2 s): one warning, and no bounce while they go on
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> ADMIN.inbox(sender).size(), n -> n == before + 1);
    }

    @Test
    void aDestinationRouteGoesThroughARelayWithAuthOverStartTlsWithoutLookingUpMx() throws Exception {
        AdminClient.Reply put = ADMIN.put("/transports/destination/relayed.test", relay("starttls", false));
        assertEquals(200, put.status(), put.body());
        assertFalse(put.body().contains("relaysecret"), "the password is never shown");
        assertTrue(put.json().getBoolean("passwordSet"));
        try {
            submitAs(relaySender, "Subject: via relay\r\n\r\nthrough the smart host\r\n", "gina@relayed.test");
            JsonObject got = arrived("127.0.0.9", "gina@relayed.test");
            assertEquals("relayuser", got.getString("auth"), "logged in to the relay");
            assertTrue(got.getBoolean("tls"), "after STARTTLS");
            JsonObject listed = ADMIN.get("/transports").array().getValuesAs(JsonObject.class).stream()
                    .filter(t -> t.getString("domain").equals("relayed.test")).findFirst().orElseThrow();
            assertEquals("destination", listed.getString("match"));
            assertFalse(listed.containsKey("password"));
        } finally {
            assertEquals(204, ADMIN.delete("/transports/destination/relayed.test").status());
        }
        assertEquals(404, ADMIN.delete("/transports/destination/relayed.test").status());
    }

    @Test
    void aSenderDomainRouteTakesItsMailThroughARelayWithImplicitTls() throws Exception {
        String senderDomain = relaySender.substring(relaySender.indexOf('@') + 1);
        assertEquals(200, ADMIN.put("/transports/sender/" + senderDomain, relay("implicit", false)).status());
        try {
            submitAs(relaySender, "Subject: implicit\r\n\r\nthrough port 465's kind of relay\r\n", "hank@good.test");
            JsonObject got = arrived("127.0.0.10", "hank@good.test");
            assertEquals("relayuser", got.getString("auth"));
            assertTrue(find("127.0.0.2", "hank@good.test").isEmpty(), "not to good.test's MX");
        } finally {
            assertEquals(204, ADMIN.delete("/transports/sender/" + senderDomain).status());
        }
    }

    @Test
    void aRelayWhoseCertificateCannotBeVerifiedGetsNothingAndTheRecipientWaits() throws Exception {
        assertEquals(200, ADMIN.put("/transports/destination/strict.test", relay("starttls", true)).status());
        try {
            submitAs(relaySender, "Subject: strict\r\n\r\nonly to a verified relay\r\n", "ivan@strict.test");
            JsonObject entry = await().atMost(Duration.ofSeconds(20)).until(
                    () -> ADMIN.get("/queue?recipient=ivan@strict.test").array().getValuesAs(JsonObject.class),
                    l -> !l.isEmpty() && l.get(0).getInt("attempts") >= 2).get(0);
            JsonObject r = entry.getJsonArray("recipients").getJsonObject(0);
            assertEquals("DEFERRED", r.getString("status"), r.toString());
            assertTrue(r.getString("lastReply").toLowerCase(java.util.Locale.ROOT).contains("cert")
                    || r.getString("lastReply").contains("PKIX"), r.toString());
            assertTrue(find("127.0.0.9", "ivan@strict.test").isEmpty(), "nothing sent, in clear or otherwise");
        } finally {
            assertEquals(204, ADMIN.delete("/transports/destination/strict.test").status());
        }
    }

    @Test
    void aHeldMessageWaitsUntilReleasedThenGoes() throws Exception {
        submitAs(queueSender, "Subject: held\r\n\r\nwait for it\r\n", "kim@held.test");
        String id = queueIdOf("kim@held.test", 1);
        JsonObject held = ADMIN.post("/queue/" + id + "/hold", "").json();
        assertEquals("HELD", held.getString("state"), held.toString());
        assertEquals(409, ADMIN.post("/queue/" + id + "/hold", "").status(), "held already");
        assertEquals(409, ADMIN.post("/queue/" + id + "/retry", "").status(), "release it first");
        int attempts = ADMIN.get("/queue/" + id).json().getJsonObject("message").getInt("attempts");
        sink("127.0.0.11");
        // no attempt while held, for longer than two retry intervals (1-2 s each), though the exchanger is up now
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() ->
                ADMIN.get("/queue/" + id).json().getJsonObject("message").getInt("attempts") == attempts
                        && find("127.0.0.11", "kim@held.test").isEmpty());
        assertEquals(200, ADMIN.post("/queue/" + id + "/release", "").status());
        arrived("127.0.0.11", "kim@held.test");
        await().atMost(Duration.ofSeconds(10)).until(
                () -> ADMIN.get("/queue/" + id).json().getJsonObject("message").getString("state"), "DONE"::equals);
        assertEquals(409, ADMIN.post("/queue/" + id + "/retry", "").status(), "done");
        List<String> events = ADMIN.get("/queue/" + id).json().getJsonArray("trace").getValuesAs(JsonObject.class)
                .stream().map(e -> e.getString("event")).toList();
        assertTrue(events.containsAll(List.of("hold", "release", "delivered")), events.toString());
        assertTrue(ADMIN.get("/audit?action=queue.").array().getValuesAs(JsonObject.class).stream()
                .anyMatch(a -> a.getString("target").equals(id) && a.getString("action").equals("queue.release")));
    }

    @Test
    void aMessageRemovedFromTheQueueEndsSilentlyOrWithABounce() throws Exception {
        int before = ADMIN.inbox(queueSender).size();
        submitAs(queueSender, "Subject: silent\r\n\r\nnever mind\r\n", "lea@down.test");
        submitAs(queueSender, "Subject: bounced\r\n\r\ntell me\r\n", "max@down.test");
        String silent = queueIdOf("lea@down.test", 1);
        String bounced = queueIdOf("max@down.test", 1);
        assertEquals(200, ADMIN.post("/queue/" + silent + "/retry", "").status(), "a waiting message can be retried");

        JsonObject deleted = ADMIN.delete("/queue/" + silent).json();
        assertEquals("DONE", deleted.getString("state"), deleted.toString());
        assertEquals("DELETED", deleted.getJsonArray("recipients").getJsonObject(0).getString("status"));
        assertEquals(409, ADMIN.delete("/queue/" + silent).status(), "gone already");

        assertEquals(200, ADMIN.delete("/queue/" + bounced + "?bounce=true").status());
        MimeMessage bounce = await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox(queueSender).stream()
                        .filter(m -> m.getString("subject", "").startsWith("Undelivered")).toList(), l -> !l.isEmpty())
                .stream().findFirst().map(m -> rawOf(queueSender, m)).orElseThrow();
        String status = new String(((MimeMultipart) bounce.getContent()).getBodyPart(1).getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status.contains("Final-Recipient: rfc822; max@down.test"), status);
        assertTrue(status.contains("removed from the queue by admin"), status);
        // a bounce for the bounced one, none for the deleted one, for 3 s of what would have been its retries
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> ADMIN.inbox(queueSender)
                .stream().filter(m -> m.getString("subject", "").startsWith("Undelivered")).count() == 1);
        assertTrue(ADMIN.inbox(queueSender).size() - before <= 3, "at most the bounce and delay warnings");
    }

    @Test
    void transportsAreCheckedAndServerAdminsOnly() {
        assertEquals(400, ADMIN.put("/transports/default",
                "{\"host\":\"relay.example\",\"tls\":\"none\",\"username\":\"u\",\"password\":\"p\"}").status(),
                "no login in clear text");
        assertEquals(400, ADMIN.put("/transports/default", "{\"host\":\"relay.example\",\"tls\":\"maybe\"}").status());
        assertEquals(400, ADMIN.put("/transports/default", "{\"host\":\"relay.example\",\"port\":70000}").status());
        assertEquals(400, ADMIN.put("/transports/destination/not_a_domain!", "{\"host\":\"relay.example\"}").status());
        assertEquals(401, AdminClient.anonymous().get("/transports").status());
    }

    private static String relay(String tls, boolean verify) {
        return Json.createObjectBuilder().add("host", tls.equals("implicit") ? "127.0.0.10" : "127.0.0.9")
                .add("port", REMOTE_PORT).add("tls", tls).add("verify", verify)
                .add("username", "relayuser").add("password", "relaysecret").build().toString();
    }

    /** Python's email package, an independent reader, finds the report's parts and fields. */
    private static void pythonReadsTheReport(MimeMessage bounce) throws Exception {
        Path file = world.work().resolve("bounce-" + System.nanoTime() + ".eml");
        try (var out = Files.newOutputStream(file)) {
            bounce.writeTo(out);
        }
        String script = String.join("\n",
                "import email, sys",
                "m = email.message_from_binary_file(open(sys.argv[1], 'rb'))",
                "assert m.get_content_type() == 'multipart/report', m.get_content_type()",
                "assert m.get_param('report-type') == 'delivery-status'",
                "parts = m.get_payload()",
                "assert [p.get_content_type() for p in parts] == ['text/plain', 'message/delivery-status', 'message/rfc822'], [p.get_content_type() for p in parts]",
                "blocks = parts[1].get_payload()",
                "assert blocks[0]['Reporting-MTA'] == 'dns; mx.test', blocks[0]['Reporting-MTA']",
                "assert blocks[1]['Action'] == 'failed' and blocks[1]['Status'] == '5.1.1', dict(blocks[1])",
                "print('ok')");
        String out = RemoteWorld.run("/usr/bin/python3", "-c", script, file.toString());
        assertEquals("ok", out.trim());
    }

    private static void submit(String message, String... recipients) throws IOException {
        submitAs(sender, message, recipients);
    }

    private static void submitAs(String from, String message, String... recipients) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO laptop.example");
            assertEquals(235, smtp.authPlain(from, PASSWORD).code());
            assertEquals(250, smtp.command("MAIL FROM:<" + from + ">").code());
            for (String r : recipients) {
                SmtpConversation.Reply reply = smtp.command("RCPT TO:<" + r + ">");
                assertEquals(250, reply.code(), reply.toString());
            }
            assertEquals(354, smtp.command("DATA").code());
            SmtpConversation.Reply done = smtp.data("From: <" + from + ">\r\n" + message);
            assertEquals(250, done.code(), done.toString());
        }
    }

    /** The queue id of the message for the recipient, once it has had the given number of attempts. */
    private static String queueIdOf(String recipient, int attempts) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> ADMIN.get("/queue?recipient=" + recipient).array().getValuesAs(JsonObject.class),
                l -> !l.isEmpty() && l.get(0).getInt("attempts") >= attempts).get(0).getString("queueId");
    }

    private static MimeMessage rawOf(String user, JsonObject listed) {
        try {
            String raw = ADMIN.rawMessage(user, listed.getJsonNumber("uid").longValue());
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The newest message in the sender's INBOX once there is one more than before, with the subject. */
    private static MimeMessage newMessage(int before, String subject) throws Exception {
        List<JsonObject> inbox = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> ADMIN.inbox(sender), l -> l.size() > before);
        JsonObject newest = inbox.stream().filter(m -> subject.equals(m.getString("subject", "")))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no '" + subject + "' in " + inbox));
        String raw = ADMIN.rawMessage(sender, newest.getJsonNumber("uid").longValue());
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static void sink(String host, String... options) throws Exception {
        world.sink(host, options);
    }

    private static JsonObject arrived(String sinkHost, String recipient) {
        return world.arrived(sinkHost, recipient);
    }

    private static Optional<JsonObject> find(String sinkHost, String recipient) throws IOException {
        return world.find(sinkHost, recipient);
    }
}
