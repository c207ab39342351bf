package org.postilion.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.AdminClient.Reply;
import org.postilion.it.support.TestServer;
import org.postilion.it.support.Tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API's security over real HTTP: every resource for every kind of caller (anonymous, a bad token, a
 * revoked token, a server admin, a domain admin on their own domain and on another, a mail user, a web session
 * without its anti-forgery token), the audit entries changes leave, the password policy, disabling an admin, the
 * session cookie's attributes over HTTP and HTTPS, and sign-in throttling per address and per account (with curl
 * bound to other loopback addresses, so that the rest of the run on 127.0.0.1 is not blocked).
 *
 * <p>Chosen: a domain admin asking for another domain's resources gets {@code 404}, the same answer as for a
 * domain that does not exist; server-wide resources (admins, adding or removing domains) answer {@code 403}.
 */
@ExtendWith(ArquillianExtension.class)
class AdminSecurityIT {

    private static final AdminClient ROOT = new AdminClient();
    private static final String PASSWORD = "a domain admin's password";
    private static String own;
    private static String other;
    private static String domainAdmin;
    private static AdminClient daSession;
    private static AdminClient daToken;

    @BeforeAll
    static void twoDomainsAndADomainAdmin() {
        own = TestServer.uniqueDomain("own");
        other = TestServer.uniqueDomain("other");
        for (String d : List.of(own, other)) {
            ROOT.createDomain(d);
            ROOT.createUser("user@" + d, "a user's password");
            ROOT.setAlias("alias@" + d, "user@" + d);
        }
        domainAdmin = "da-" + UUID.randomUUID().toString().substring(0, 8);
        AdminClient.expect(201, ROOT.post("/admins", Json.createObjectBuilder().add("name", domainAdmin)
                .add("password", PASSWORD).add("role", "domain-admin").add("domains", Json.createArrayBuilder().add(own))
                .build().toString()));
        daSession = AdminClient.signIn(domainAdmin, PASSWORD);
        daToken = AdminClient.withToken(daSession.createToken("matrix"));
    }

    /** Every resource refuses anonymous callers and bad tokens with 401 and a problem. */
    @Test
    void anonymousAndBadTokensGet401OnEveryResource() throws Exception {
        List<AdminClient> strangers = List.of(AdminClient.anonymous(), AdminClient.withToken("pst_nonsense"),
                AdminClient.withToken("pst_" + "A".repeat(43)));
        for (AdminClient c : strangers) {
            for (String path : List.of("/domains", "/domains/" + own, "/users", "/users/user@" + own,
                    "/users/user@" + own + "/messages", "/users/user@" + own + "/mailboxes", "/aliases",
                    "/aliases/alias@" + own, "/admins", "/tokens", "/audit", "/self", "/queue", "/queue/counts",
                    "/queue/NOSUCHQUEUEID", "/transports", "/health", "/metrics", "/domains/" + own + "/dns",
                    "/no-such-resource")) {
                assertProblem(401, c.get(path), "");
            }
            assertProblem(401, c.post("/domains", "{\"name\":\"x-" + UUID.randomUUID() + ".test\"}"), "");
            assertProblem(401, c.post("/users", "{\"address\":\"x@" + own + "\",\"password\":\"whatever long\"}"), "");
            assertProblem(401, c.put("/aliases/x@" + own, "{\"targets\":[\"user@" + own + "\"]}"), "");
            assertProblem(401, c.delete("/users/user@" + own), "");
            assertProblem(401, c.delete("/domains/" + own), "");
            assertProblem(401, c.post("/queue/NOSUCHQUEUEID/retry", ""), "");
            assertProblem(401, c.put("/transports/default", "{\"host\":\"relay.example\"}"), "");
        }
        Reply r = AdminClient.anonymous().get("/domains");
        assertEquals("Bearer realm=\"postilion\"", r.header("WWW-Authenticate"));
        assertEquals(200, ROOT.get("/users/user@" + own).status(), "nothing was changed by them");
        String log = Files.readString(Path.of(System.getProperty("it.server.dir"), "log", "server.log"));
        assertFalse(log.contains("UT005023"), "refusals are answers, not errors in the server log");
    }

    @Test
    void theDoorsInArePublic() {
        assertEquals(200, AdminClient.anonymous().get("/setup").status());
        assertFalse(AdminClient.anonymous().get("/setup").json().getBoolean("open"),
                "the test server was started with an admin password: no setup");
        assertProblem(401, AdminClient.anonymous().get("/session"), "not signed in");
        assertEquals(204, AdminClient.anonymous().delete("/session").status());
        assertProblem(403, AdminClient.anonymous().post("/setup",
                "{\"token\":\"guess\",\"name\":\"intruder\",\"password\":\"intruder's password\"}"), "setup");
    }

    @Test
    void aServerAdminReachesEverything() {
        assertTrue(names(ROOT.get("/domains")).containsAll(List.of(own, other)));
        assertEquals(200, ROOT.get("/domains/" + other).status());
        assertEquals(200, ROOT.get("/users/user@" + other).status());
        assertEquals(200, ROOT.get("/aliases/alias@" + other).status());
        assertEquals(200, ROOT.get("/admins").status());
        assertEquals(200, ROOT.get("/audit?domain=" + other).status());
        assertEquals(200, ROOT.get("/users/user@" + other + "/messages").status());
    }

    /** The same requests by the domain admin's session and token: their domain yes, the other not at all. */
    @Test
    void aDomainAdminReachesOnlyTheirDomains() {
        for (AdminClient da : List.of(daSession, daToken)) {
            List<String> domains = names(da.get("/domains"));
            assertTrue(domains.contains(own) && !domains.contains(other), "listed: " + domains);
            assertEquals(200, da.get("/domains/" + own).status());
            assertProblem(404, da.get("/domains/" + other), "no domain");
            assertProblem(404, da.get("/domains/" + other.toUpperCase() + "."), "no domain");

            List<String> users = addresses(da.get("/users"));
            assertTrue(users.contains("user@" + own) && !users.contains("user@" + other), "listed: " + users);
            assertProblem(404, da.get("/users?domain=" + other), "no domain");
            assertEquals(200, da.get("/users/user@" + own).status());
            assertProblem(404, da.get("/users/user@" + other), "no domain");
            assertProblem(404, da.get("/users/USER@" + other.toUpperCase()), "no domain");
            assertProblem(404, da.get("/users/user@" + other + "/messages"), "no domain");
            assertProblem(404, da.get("/users/user@" + other + "/messages/1"), "no domain");
            assertProblem(404, da.get("/users/user@" + other + "/mailboxes"), "no domain");
            assertProblem(404, da.post("/users", "{\"address\":\"new@" + other + "\",\"password\":\"a fine password\"}"),
                    "no domain");
            assertProblem(404, da.put("/users/user@" + other + "/quota", "{\"bytes\":1}"), "no domain");
            assertProblem(404, da.put("/users/user@" + other + "/password", "{\"newPassword\":\"taken over now\"}"),
                    "no domain");
            assertProblem(404, da.delete("/users/user@" + other), "no domain");

            List<String> aliases = addresses(da.get("/aliases"));
            assertTrue(aliases.contains("alias@" + own) && !aliases.contains("alias@" + other), "listed: " + aliases);
            assertProblem(404, da.get("/aliases?domain=" + other), "no domain");
            assertProblem(404, da.get("/aliases/alias@" + other), "no domain");
            assertProblem(404, da.put("/aliases/alias@" + other, "{\"targets\":[\"x@elsewhere.test\"]}"), "no domain");
            assertProblem(404, da.post("/aliases", "{\"address\":\"new@" + other + "\",\"targets\":[\"x@y.test\"]}"),
                    "no domain");
            assertProblem(404, da.put("/aliases/@" + other, "{\"targets\":[\"x@elsewhere.test\"]}"), "no domain");
            assertProblem(404, da.delete("/aliases/alias@" + other), "no domain");

            assertProblem(403, da.post("/domains", "{\"name\":\"" + TestServer.uniqueDomain("da") + "\"}"), "may not");
            assertProblem(403, da.delete("/domains/" + own), "may not");
            assertProblem(403, da.get("/admins"), "may not");
            assertProblem(403, da.post("/admins", "{\"name\":\"x\",\"password\":\"xx long pass\",\"role\":\"server-admin\"}"),
                    "may not");
            assertProblem(403, da.get("/self"), "may not");
            // server-wide: relays, the node's health and metrics
            assertProblem(403, da.get("/transports"), "may not");
            assertProblem(403, da.put("/transports/default", "{\"host\":\"relay.example\"}"), "may not");
            assertProblem(403, da.get("/health"), "may not");
            assertProblem(403, da.get("/metrics"), "may not");
            // the queue: their domains' messages only; the other domain's is refused as unknown
            assertEquals(200, da.get("/queue").status());
            assertProblem(404, da.get("/queue?domain=" + other), "no domain");
            assertProblem(404, da.get("/queue/NOSUCHQUEUEID"), "no queued message");
            // a domain's DNS records: their own, not another's
            assertEquals(200, da.get("/domains/" + own + "/dns?check=false").status());
            assertProblem(404, da.get("/domains/" + other + "/dns?check=false"), "no domain");
            assertProblem(404, da.get("/audit?domain=" + other), "no domain");
            for (JsonObject e : da.get("/audit?limit=10000").array().getValuesAs(JsonObject.class)) {
                assertEquals(own, e.getString("domain", null), "a domain admin reads their domains' entries only");
            }
        }
        assertEquals(200, ROOT.get("/users/user@" + other).status(), "the other domain's user is untouched");
        assertEquals(200, ROOT.get("/aliases/alias@" + other).status(), "and its alias");
    }

    @Test
    void aDomainAdminManagesTheirDomainAndTheAuditLogSaysWhoDidWhat() {
        String address = "made-" + UUID.randomUUID().toString().substring(0, 6) + "@" + own;
        Reply created = daToken.post("/users", "{\"address\":\"" + address + "\",\"password\":\"a new user's password\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(200, daToken.put("/users/" + address + "/quota", "{\"bytes\":1048576}").status());
        assertEquals(200, daSession.put("/aliases/alias2@" + own, "{\"targets\":[\"" + address + "\"]}").status());
        assertEquals(204, daSession.delete("/aliases/alias2@" + own).status());

        List<JsonObject> entries = ROOT.get("/audit?target=" + address).array().getValuesAs(JsonObject.class);
        JsonObject create = entries.stream().filter(e -> e.getString("action").equals("user.create")).findFirst()
                .orElseThrow(() -> new AssertionError("no user.create entry: " + entries));
        assertEquals(domainAdmin, create.getString("actor"));
        assertEquals("token", create.getString("via"));
        assertEquals("127.0.0.1", create.getString("clientAddress"));
        assertEquals(own, create.getString("domain"));
        assertFalse(create.containsKey("before"), "a creation has no state before: " + create);
        assertTrue(create.getString("after").contains(address), create.toString());
        assertFalse(create.toString().contains("a new user's password"), "no password in the log");

        JsonObject quota = entries.stream().filter(e -> e.getString("action").equals("user.quota")).findFirst()
                .orElseThrow(() -> new AssertionError("no user.quota entry: " + entries));
        assertTrue(quota.getString("before").contains("\"quotaBytes\":null") || !quota.getString("before").contains("1048576"),
                quota.toString());
        assertTrue(quota.getString("after").contains("1048576"), quota.toString());

        List<JsonObject> aliasEntries = ROOT.get("/audit?action=alias.&target=alias2@" + own).array()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of("alias.delete", "alias.create"),
                aliasEntries.stream().map(e -> e.getString("action")).toList(), "newest first");
        assertEquals("session", aliasEntries.get(0).getString("via"));

        Reply paged = ROOT.get("/audit?limit=1");
        assertEquals(1, paged.array().size());
        assertTrue(Long.parseLong(paged.header("X-Total-Count")) >= 4, paged.headers().toString());
        assertProblem(400, ROOT.get("/audit?limit=0"), "limit");
        assertProblem(400, ROOT.get("/audit?since=yesterday"), "ISO-8601");
    }

    @Test
    void aSessionWithoutItsAntiForgeryTokenChangesNothing() {
        String address = "forged-" + UUID.randomUUID().toString().substring(0, 6) + "@" + own;
        AdminClient forged = daSession.withoutCsrfToken();
        assertEquals(200, forged.get("/domains").status(), "reading needs no anti-forgery token");
        assertProblem(403, forged.post("/users", "{\"address\":\"" + address + "\",\"password\":\"a forged password\"}"),
                "X-CSRF-Token");
        assertProblem(403, forged.delete("/users/user@" + own), "X-CSRF-Token");
        assertProblem(404, ROOT.get("/users/" + address), "no user");
        assertEquals(200, ROOT.get("/users/user@" + own).status());
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        Reply made = daSession.post("/tokens", "{\"name\":\"short-lived\"}");
        assertEquals(201, made.status(), made.body());
        String token = made.json().getString("token");
        assertTrue(token.startsWith("pst_"), token);
        AdminClient script = AdminClient.withToken(token);
        assertEquals(200, script.get("/domains").status());
        List<JsonObject> listed = daSession.get("/tokens").array().getValuesAs(JsonObject.class);
        assertTrue(listed.stream().anyMatch(t -> t.getString("name").equals("short-lived")
                && token.startsWith(t.getString("prefix"))), listed.toString());
        assertFalse(daSession.get("/tokens").body().contains(token), "a token is shown once");
        assertProblem(403, script.post("/tokens", "{\"name\":\"successor\"}"), "session");

        assertEquals(204, daSession.delete("/tokens/" + made.json().getJsonNumber("id").longValue()).status());
        assertProblem(401, script.get("/domains"), "not valid");
        assertProblem(401, script.get("/users/user@" + own), "not valid");
    }

    @Test
    void aMailUserChangesTheirOwnPasswordAndNothingElse() {
        String address = "self-" + UUID.randomUUID().toString().substring(0, 6) + "@" + own;
        ROOT.createUser(address, "first password here");
        AdminClient user = AdminClient.signInMailUser(address, "first password here");
        assertEquals(address, user.get("/self").json().getString("name"));
        assertEquals("mail-user", user.get("/self").json().getString("role"));
        for (String path : List.of("/domains", "/users", "/users/" + address, "/aliases", "/audit", "/tokens")) {
            assertProblem(403, user.get(path), "may not");
        }
        assertProblem(403, user.put("/self/password",
                "{\"currentPassword\":\"not it\",\"newPassword\":\"second password here\"}"), "current password");
        assertProblem(400, user.put("/self/password",
                "{\"currentPassword\":\"first password here\",\"newPassword\":\"" + address + "\"}"), "own name");
        assertProblem(400, user.put("/self/password",
                "{\"currentPassword\":\"first password here\",\"newPassword\":\"Password123!\"}"), "guessers");
        assertProblem(403, user.withoutCsrfToken().put("/self/password",
                "{\"currentPassword\":\"first password here\",\"newPassword\":\"second password here\"}"), "X-CSRF-Token");
        assertEquals(204, user.put("/self/password",
                "{\"currentPassword\":\"first password here\",\"newPassword\":\"second password here\"}").status());
        assertEquals(200, user.get("/self").status(), "the session that changed the password goes on");

        assertProblem(401, AdminClient.anonymous().post("/self/session",
                "{\"address\":\"" + address + "\",\"password\":\"first password here\"}"), "wrong");
        AdminClient again = AdminClient.signInMailUser(address, "second password here");
        assertEquals(200, again.get("/self").status());
        assertTrue(ROOT.get("/audit?action=user.password&target=" + address).body().contains("\"actor\":\"" + address),
                "the change is in the audit log, by the user");
    }

    @Test
    void newPasswordsFollowThePolicy() {
        String address = "policy@" + own;
        assertProblem(400, ROOT.post("/users", user(address, "short")), "8 to 1024 characters");
        assertProblem(400, ROOT.post("/users", user(address, address)), "own name");
        assertProblem(400, ROOT.post("/users", user(address, "policy2024")), "own name");
        assertProblem(400, ROOT.post("/users", user(address, "password123")), "guessers");
        assertProblem(400, ROOT.post("/users", user(address, "P@ssw0rd!")), "guessers");
        assertProblem(400, ROOT.post("/users", user(address, "qwertyuiop")), "guessers");
        assertProblem(400, ROOT.post("/users", user(address, "aaaaaaaaaa")), "repeated");
        assertProblem(400, ROOT.post("/users", user(address, "1234567890")), "");
        assertEquals(201, ROOT.post("/users", user(address, "tangerine kettle drum")).status());
        assertProblem(400, ROOT.post("/admins", "{\"name\":\"weak-admin\",\"password\":\"administrator\","
                + "\"role\":\"server-admin\"}"), "guessers");
    }

    @Test
    void disablingAnAdminEndsTheirSessionsAndTokens() {
        String name = "temp-" + UUID.randomUUID().toString().substring(0, 8);
        AdminClient.expect(201, ROOT.post("/admins", "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"domain-admin\",\"domains\":[\"" + own + "\"]}"));
        AdminClient session = AdminClient.signIn(name, PASSWORD);
        AdminClient token = AdminClient.withToken(session.createToken("t"));
        assertEquals(200, token.get("/domains").status());

        assertEquals(200, ROOT.put("/admins/" + name, "{\"enabled\":false}").status());
        assertProblem(401, session.get("/domains"), "");
        assertProblem(401, token.get("/domains"), "");
        assertProblem(401, AdminClient.anonymous().post("/session",
                "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"), "wrong name or password");

        assertEquals(200, ROOT.put("/admins/" + name, "{\"enabled\":true}").status());
        assertEquals(200, token.get("/domains").status(), "a re-enabled admin's tokens work again");
        assertProblem(401, session.get("/domains"), "", "the session stays over");

        assertEquals(204, ROOT.put("/admins/" + name + "/password", "{\"newPassword\":\"a changed password\"}").status());
        assertProblem(401, AdminClient.anonymous().post("/session",
                "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"), "");
        assertEquals(204, ROOT.delete("/admins/" + name).status());
        assertProblem(401, token.get("/domains"), "", "the tokens go with the admin");
    }

    @Test
    void theLastServerAdminStays() {
        List<JsonObject> admins = ROOT.get("/admins").array().getValuesAs(JsonObject.class);
        long enabledServerAdmins = admins.stream().filter(a -> a.getString("role").equals("server-admin")
                && a.getBoolean("enabled")).count();
        if (enabledServerAdmins == 1) {
            assertProblem(409, ROOT.put("/admins/" + AdminClient.ADMIN_NAME, "{\"role\":\"domain-admin\",\"domains\":[\""
                    + own + "\"]}"), "last enabled server admin");
            assertProblem(409, ROOT.put("/admins/" + AdminClient.ADMIN_NAME, "{\"enabled\":false}"),
                    "last enabled server admin");
            assertProblem(409, ROOT.delete("/admins/" + AdminClient.ADMIN_NAME), "last enabled server admin");
        }
        assertProblem(400, ROOT.post("/admins", "{\"name\":\"nodomains\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"domain-admin\",\"domains\":[]}"), "at least one domain");
        assertProblem(400, ROOT.post("/admins", "{\"name\":\"Bad Name!\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"server-admin\"}"), "name");
        assertProblem(400, ROOT.post("/admins", "{\"name\":\"norole\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"king\"}"), "role");
    }

    /** The cookie over HTTP and over WildFly's HTTPS listener (its self-signed certificate). */
    @Test
    void theSessionCookieIsHttpOnlySameSiteStrictAndSecureOverHttps() throws Exception {
        String body = "{\"name\":\"" + domainAdmin + "\",\"password\":\"" + PASSWORD + "\"}";
        String http = curlHeaders("http://" + TestServer.HOST + ":" + TestServer.httpPort() + "/api/session", body);
        String cookie = setCookie(http);
        assertTrue(cookie.startsWith("POSTILION_SESSION="), cookie);
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertFalse(cookie.toLowerCase().contains("secure;") || cookie.toLowerCase().endsWith("secure"),
                "not Secure over plain HTTP (it would never be sent back): " + cookie);

        String https = curlHeaders("https://" + TestServer.HOST + ":" + TestServer.httpsPort() + "/api/session", body);
        String secure = setCookie(https);
        assertTrue(secure.toLowerCase().contains("secure"), secure);
        assertTrue(secure.toLowerCase().contains("httponly") && secure.contains("SameSite=Strict"), secure);
    }

    @Test
    void failedSignInsAreThrottledPerAddress() throws Exception {
        String guesser = "127.0.0.21";
        String body = "{\"name\":\"" + domainAdmin + "\",\"password\":\"a wrong guess\"}";
        int denied = 0;
        int throttled = 0;
        for (int i = 0; i < 15; i++) {
            int code = curlStatus(guesser, "/api/session", body);
            if (code == 401) {
                denied++;
            } else if (code == 429) {
                throttled++;
            } else {
                throw new AssertionError("unexpected status " + code);
            }
        }
        assertEquals(10, denied, "the per-address limit");
        assertEquals(5, throttled);
        assertEquals(429, curlStatus(guesser, "/api/session",
                "{\"name\":\"" + domainAdmin + "\",\"password\":\"" + PASSWORD + "\"}"),
                "the guessing address stays blocked, even with the right password");
        assertEquals(200, curlStatus("127.0.0.22", "/api/session",
                "{\"name\":\"" + domainAdmin + "\",\"password\":\"" + PASSWORD + "\"}"),
                "the admin is not locked out from another address");
    }

    /** 100 failures for one account, from addresses each under their own limit, lock the account for now. */
    @Test
    void failedSignInsAreThrottledPerAccount() throws Exception {
        String name = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        AdminClient.expect(201, ROOT.post("/admins", "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"domain-admin\",\"domains\":[\"" + own + "\"]}"));
        String wrong = "{\"name\":\"" + name + "\",\"password\":\"wrong\"}";
        int failures = 0;
        for (int host = 30; failures < 100; host++) {
            for (int i = 0; i < 9 && failures < 100; i++, failures++) {
                assertEquals(401, curlStatus("127.0.0." + host, "/api/session", wrong));
            }
        }
        assertEquals(429, curlStatus("127.0.0.50", "/api/session",
                "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"), "the account is locked for now");
        assertEquals(200, curlStatus("127.0.0.50", "/api/session",
                "{\"name\":\"" + domainAdmin + "\",\"password\":\"" + PASSWORD + "\"}"), "other accounts are not");
    }

    private static String user(String address, String password) {
        return Json.createObjectBuilder().add("address", address).add("password", password).build().toString();
    }

    private static List<String> names(Reply r) {
        assertEquals(200, r.status(), r.body());
        return field(r, o -> o.getString("name"));
    }

    private static List<String> addresses(Reply r) {
        assertEquals(200, r.status(), r.body());
        return field(r, o -> o.getString("address"));
    }

    private static List<String> field(Reply r, Function<JsonObject, String> f) {
        return r.array().getValuesAs(JsonObject.class).stream().map(f).toList();
    }

    private static void assertProblem(int status, Reply reply, String detailContains) {
        assertProblem(status, reply, detailContains, "");
    }

    private static void assertProblem(int status, Reply reply, String detailContains, String message) {
        assertEquals(status, reply.status(), message + " " + reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        String detail = reply.json().getString("detail");
        assertTrue(detail.contains(detailContains), "detail '" + detail + "' should mention '" + detailContains + "'");
    }

    private static String curlHeaders(String url, String body) throws Exception {
        return Tools.succeed("curl", "-sk", "-D", "-", "-o", "/dev/null", "-X", "POST",
                "-H", "Content-Type: application/json", "-d", body, url);
    }

    private static String setCookie(String headers) {
        return headers.lines().filter(l -> l.toLowerCase().startsWith("set-cookie:")).findFirst()
                .map(l -> l.substring("set-cookie:".length()).strip())
                .orElseThrow(() -> new AssertionError("no Set-Cookie in\n" + headers));
    }

    private static int curlStatus(String from, String path, String body) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--interface", from));
        if (body != null) {
            command.addAll(List.of("-X", "POST", "-H", "Content-Type: application/json", "-d", body));
        }
        command.add("http://" + TestServer.HOST + ":" + TestServer.httpPort() + path);
        Tools.Run run = Tools.run(Duration.ofSeconds(30), Map.of(), command);
        assertEquals(0, run.exitCode(), run.output());
        assertNotNull(run.output());
        return Integer.parseInt(run.output().strip());
    }
}
