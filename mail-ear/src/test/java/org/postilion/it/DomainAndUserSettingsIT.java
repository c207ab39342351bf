package org.postilion.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.AdminClient.Reply;
import org.postilion.it.support.ImapConversation;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What administrators set on domains and users, and what it does to mail: internationalized names (stored once as
 * the A-label, shown as the U-label, routed by SMTP), UTF-8 local parts, disabled users and domains ({@code 550
 * 5.2.1}, no login), plus-addressing off, a user limit, a domain's default quota, forwarding, removal of a domain
 * with its users, search and counts.
 */
@ExtendWith(ArquillianExtension.class)
class DomainAndUserSettingsIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static final String PASSWORD = "settings test password";

    @Test
    void anInternationalizedDomainIsStoredOnceAndReceivesMailForItsUtf8Users() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String unicode = "bücher-" + tag + ".test";
        Reply created = ADMIN.post("/domains", "{\"name\":\"" + unicode.toUpperCase() + "\"}");
        assertEquals(201, created.status(), created.body());
        String ascii = created.json().getString("name");
        assertTrue(ascii.startsWith("xn--bcher-") && ascii.endsWith(".test"), ascii);
        assertEquals(unicode, created.json().getString("unicodeName"));
        assertEquals(409, ADMIN.post("/domains", "{\"name\":\"" + ascii + "\"}").status(), "the same domain");
        assertEquals(200, ADMIN.get("/domains/" + AdminClient.encode(unicode)).status(), "found by either form");

        String anna = "anna@" + unicode;
        String juergen = "Jürgen@" + unicode;
        assertEquals(201, ADMIN.post("/users", user(anna)).status());
        Reply j = ADMIN.post("/users", user(juergen));
        assertEquals(201, j.status(), j.body());
        assertEquals("jürgen@" + ascii, j.json().getString("address"), "NFC, lower case, A-label");
        assertEquals("jürgen@" + unicode, j.json().getString("unicodeAddress"));

        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("EHLO client.example");
            assertEquals(250, smtp.command("MAIL FROM:<sender@client.example> SMTPUTF8").code());
            assertEquals(250, smtp.command("RCPT TO:<anna@" + unicode + ">").code());
            assertEquals(250, smtp.command("RCPT TO:<jürgen@" + unicode + ">").code());
            assertEquals(354, smtp.command("DATA").code());
            assertEquals(250, smtp.data("From: sender@client.example\r\nTo: anna@" + unicode
                    + "\r\nSubject: grüße\r\n\r\nHallo!").code());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox("anna@" + ascii).size() == 1
                && ADMIN.inbox("jürgen@" + ascii).size() == 1);
    }

    @Test
    void aDisabledUserNeitherReceivesNorLogsInUntilEnabledAgain() throws Exception {
        String domain = domain("disabled");
        String carl = "carl@" + domain;
        ADMIN.createUser(carl, PASSWORD);
        ImapConversation.login(carl, PASSWORD).close();

        JsonObject off = AdminClient.expect(200, ADMIN.put("/users/" + carl, "{\"enabled\":false}")).json();
        assertFalse(off.getBoolean("enabled"));
        assertEquals(550, rcpt(carl).code());
        assertTrue(rcpt(carl).last().contains("5.2.1"), rcpt(carl).toString());
        assertThrows(IOException.class, () -> ImapConversation.login(carl, PASSWORD).close(), "no IMAP login");
        assertEquals(401, AdminClient.anonymous().post("/self/session",
                "{\"address\":\"" + carl + "\",\"password\":\"" + PASSWORD + "\"}").status(), "no web login");

        AdminClient.expect(200, ADMIN.put("/users/" + carl, "{\"enabled\":true}"));
        assertEquals(250, rcpt(carl).code());
        ImapConversation.login(carl, PASSWORD).close();
    }

    @Test
    void aDisabledDomainReceivesNothing() throws Exception {
        String domain = domain("offline");
        ADMIN.createUser("dora@" + domain, PASSWORD);
        assertEquals(200, ADMIN.put("/domains/" + domain, "{\"enabled\":false}").status());
        SmtpConversation.Reply r = rcpt("dora@" + domain);
        assertEquals(550, r.code(), r.toString());
        assertTrue(r.last().contains("5.2.1"), r.toString());
        assertThrows(IOException.class, () -> ImapConversation.login("dora@" + domain, PASSWORD).close());
        assertEquals(200, ADMIN.put("/domains/" + domain, "{\"enabled\":true}").status());
        assertEquals(250, rcpt("dora@" + domain).code());
    }

    @Test
    void plusAddressingCanBeTurnedOff() throws Exception {
        String domain = domain("plus");
        ADMIN.createUser("pia@" + domain, PASSWORD);
        assertEquals(250, rcpt("pia+news@" + domain).code());
        JsonObject d = AdminClient.expect(200, ADMIN.put("/domains/" + domain, "{\"plusAddressing\":false}")).json();
        assertFalse(d.getBoolean("plusAddressing"));
        assertEquals(550, rcpt("pia+news@" + domain).code());
        assertEquals(250, rcpt("pia@" + domain).code());
    }

    @Test
    void aDomainsLimitsAndDefaultQuotaApplyToItsUsers() {
        String domain = domain("limits");
        JsonObject d = AdminClient.expect(200, ADMIN.put("/domains/" + domain,
                "{\"maxUsers\":2,\"defaultQuotaBytes\":5000000}")).json();
        assertEquals(2, d.getInt("maxUsers"));
        ADMIN.createUser("u1@" + domain, PASSWORD);
        ADMIN.createUser("u2@" + domain, PASSWORD);
        Reply third = ADMIN.post("/users", user("u3@" + domain));
        assertEquals(409, third.status());
        assertTrue(third.json().getString("detail").contains("limit"), third.body());

        JsonObject u1 = ADMIN.get("/users/u1@" + domain).json();
        assertTrue(!u1.containsKey("quotaBytes") || u1.isNull("quotaBytes"), "no quota of its own");
        assertEquals(5000000, u1.getJsonNumber("quotaLimitBytes").longValue(), "the domain's default applies");
        ADMIN.put("/users/u1@" + domain + "/quota", "{\"bytes\":1000}");
        assertEquals(1000, ADMIN.get("/users/u1@" + domain).json().getJsonNumber("quotaLimitBytes").longValue());
        assertEquals(400, ADMIN.put("/domains/" + domain, "{\"maxUsers\":-1}").status());
    }

    @Test
    void forwardingSendsAUsersMailOnwithOrWithoutACopy() throws Exception {
        String domain = domain("forward");
        String from = "fred@" + domain;
        String to = "gina@" + domain;
        ADMIN.createUser(from, PASSWORD);
        ADMIN.createUser(to, PASSWORD);
        JsonObject f = AdminClient.expect(200, ADMIN.put("/users/" + from,
                "{\"forwardTo\":\"" + to.toUpperCase() + "\",\"keepCopy\":false,\"displayName\":\"Fred F.\"}")).json();
        assertEquals(to, f.getString("forwardTo"));
        assertEquals("Fred F.", f.getString("displayName"));
        send(from, "forwarded without a copy");
        await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox(to).size() == 1);
        assertEquals(0, ADMIN.inbox(from).size(), "no copy kept");

        AdminClient.expect(200, ADMIN.put("/users/" + from, "{\"forwardTo\":\"" + to + "\",\"keepCopy\":true}"));
        send(from, "forwarded with a copy");
        await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox(to).size() == 2 && ADMIN.inbox(from).size() == 1);
        assertEquals(400, ADMIN.put("/users/" + from, "{\"forwardTo\":\"" + from + "\"}").status(), "not to itself");
        assertEquals(400, ADMIN.put("/users/" + from, "{\"forwardTo\":\"not an address\"}").status());
    }

    @Test
    void searchCountsAndLastLogins() throws Exception {
        String domain = domain("search");
        ADMIN.createUser("henry.hill@" + domain, PASSWORD);
        ADMIN.createUser("iris@" + domain, PASSWORD);
        ADMIN.put("/users/iris@" + domain, "{\"displayName\":\"Iris Hillary\"}");
        ADMIN.setAlias("team@" + domain, "iris@" + domain, "henry.hill@" + domain);
        send("iris@" + domain, "a message to count");
        await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox("iris@" + domain).size() == 1);

        List<String> hill = addresses(ADMIN.get("/users?domain=" + domain + "&q=HILL"));
        assertEquals(List.of("henry.hill@" + domain, "iris@" + domain), hill, "address or display name");
        assertEquals(List.of("iris@" + domain), addresses(ADMIN.get("/users?q=iris@" + domain)));
        Reply page = ADMIN.get("/users?domain=" + domain + "&limit=1");
        assertEquals("2", page.header("X-Total-Count"));
        assertTrue(ADMIN.get("/users?domain=" + domain).array().getJsonObject(1).getJsonNumber("usedBytes")
                .longValue() > 0, "the list says what each user's messages take");

        JsonObject counts = ADMIN.get("/domains").array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("name").equals(domain)).findFirst().orElseThrow().getJsonObject("counts");
        assertEquals(2, counts.getInt("users"));
        assertEquals(1, counts.getInt("aliases"));
        assertTrue(counts.getJsonNumber("storageBytes").longValue() > 0, counts.toString());

        assertNull(ADMIN.get("/users/iris@" + domain).json().getJsonObject("lastLogins").get("imap"));
        ImapConversation.login("iris@" + domain, PASSWORD).close();
        assertTrue(ADMIN.get("/users/iris@" + domain).json().getJsonObject("lastLogins").containsKey("imap"));
    }

    @Test
    void aDomainWithUsersIsRemovedOnlyWhenForced() throws Exception {
        String domain = domain("force");
        ADMIN.createUser("kim@" + domain, PASSWORD);
        ADMIN.setAlias("@" + domain, "kim@" + domain);
        assertEquals(List.of("kim@" + domain),
                ADMIN.get("/domains/" + domain).json().getJsonArray("catchAll").getValuesAs(jakarta.json.JsonString.class)
                        .stream().map(jakarta.json.JsonString::getString).toList());
        Reply refused = ADMIN.delete("/domains/" + domain);
        assertEquals(409, refused.status());
        assertTrue(refused.json().getString("detail").contains("1 users"), refused.body());
        assertEquals(204, ADMIN.delete("/domains/" + domain + "?force=true").status());
        assertEquals(404, ADMIN.get("/users/kim@" + domain).status());
        assertEquals(404, ADMIN.get("/domains/" + domain).status());
        assertTrue(ADMIN.get("/audit?action=domain.delete.force&target=" + domain).array().size() == 1);
    }

    /** An app password for IMAP only: it logs in there, nowhere else, until revoked; its own user can make one. */
    @Test
    void appPasswordsWorkOnlyForTheirProtocolsUntilRevoked() throws Exception {
        String domain = domain("apppw");
        String user = "lena@" + domain;
        ADMIN.createUser(user, PASSWORD);
        Reply made = ADMIN.post("/users/" + user + "/app-passwords", "{\"name\":\"old phone\",\"protocols\":[\"imap\"]}");
        assertEquals(201, made.status(), made.body());
        String appPassword = made.json().getString("password");
        assertTrue(appPassword.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), appPassword);
        assertFalse(ADMIN.get("/users/" + user + "/app-passwords").body().contains(appPassword), "shown once");

        ImapConversation.login(user, appPassword).close();
        ImapConversation.login(user, appPassword.toUpperCase().replace("-", " ")).close();
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            assertEquals(535, smtp.authPlain(user, appPassword).code(), "not made for SMTP");
        }
        assertEquals(401, AdminClient.anonymous().post("/self/session",
                "{\"address\":\"" + user + "\",\"password\":\"" + appPassword + "\"}").status(), "nor for the web");
        JsonObject listed = ADMIN.get("/users/" + user + "/app-passwords").array().getJsonObject(0);
        assertEquals("old phone", listed.getString("name"));
        assertTrue(listed.containsKey("lastUsedAt"), listed.toString());

        assertEquals(204, ADMIN.delete("/users/" + user + "/app-passwords/" + listed.getJsonNumber("id").longValue())
                .status());
        assertThrows(IOException.class, () -> ImapConversation.login(user, appPassword).close(), "revoked");
        ImapConversation.login(user, PASSWORD).close();

        AdminClient self = AdminClient.signInMailUser(user, PASSWORD);
        Reply own = self.post("/self/app-passwords", "{\"name\":\"mail app\",\"protocols\":[\"imap\",\"smtp\"]}");
        assertEquals(201, own.status(), own.body());
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            assertEquals(235, smtp.authPlain(user, own.json().getString("password")).code());
        }
        assertEquals(1, self.get("/self/app-passwords").array().size());
        assertEquals(400, self.post("/self/app-passwords", "{\"name\":\"x\",\"protocols\":[\"web\"]}").status());
        assertEquals(409, self.post("/self/app-passwords", "{\"name\":\"mail app\",\"protocols\":[\"imap\"]}").status());
    }

    private static String domain(String prefix) {
        String d = TestServer.uniqueDomain(prefix);
        ADMIN.createDomain(d);
        return d;
    }

    private static String user(String address) {
        return "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static List<String> addresses(Reply r) {
        return r.array().getValuesAs(JsonObject.class).stream().map(o -> o.getString("address")).toList();
    }

    private static SmtpConversation.Reply rcpt(String address) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("HELO client.example");
            smtp.command("MAIL FROM:<sender@client.example>");
            return smtp.command("RCPT TO:<" + address + ">");
        }
    }

    private static void send(String to, String subject) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("HELO client.example");
            smtp.command("MAIL FROM:<sender@client.example>");
            assertEquals(250, smtp.command("RCPT TO:<" + to + ">").code());
            assertEquals(354, smtp.command("DATA").code());
            assertEquals(250, smtp.data("From: sender@client.example\r\nTo: " + to + "\r\nSubject: " + subject
                    + "\r\n\r\n" + subject).code());
        }
    }
}
