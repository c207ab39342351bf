package org.postilion.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.AdminClient.Reply;
import org.postilion.it.support.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API over HTTP: domains and users, and errors as RFC 9457 problems. */
@ExtendWith(ArquillianExtension.class)
class AdminApiIT {

    private final AdminClient admin = new AdminClient();

    @Test
    void domainLifecycle() {
        String domain = TestServer.uniqueDomain("Api");
        Reply created = admin.post("/domains", "{\"name\":\"" + domain.toUpperCase() + ".\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(domain.toLowerCase(), created.json().getString("name"), "names are stored lower case");
        assertTrue(admin.get("/domains").array().getValuesAs(JsonObject.class).stream()
                .anyMatch(d -> d.getString("name").equals(domain.toLowerCase())));

        assertProblem(409, admin.post("/domains", "{\"name\":\"" + domain + "\"}"), "exists");

        admin.createUser("dave@" + domain, "dave's password");
        assertProblem(409, admin.delete("/domains/" + domain), "still has 1 users");
        assertEquals(204, admin.delete("/users/dave@" + domain).status());
        assertEquals(204, admin.delete("/domains/" + domain).status());
        assertProblem(404, admin.get("/domains/" + domain), "no domain");
    }

    @Test
    void userLifecycle() {
        String domain = TestServer.uniqueDomain("users");
        admin.createDomain(domain);
        Reply created = admin.post("/users", "{\"address\":\"Erin@" + domain + "\",\"password\":\"erin's password\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("erin@" + domain, created.json().getString("address"));
        assertFalse(created.body().contains("password"), "the password never comes back");
        assertEquals(1, admin.get("/users?domain=" + domain).array().size());
        assertEquals("INBOX", admin.get("/users/erin@" + domain + "/mailboxes").array().getJsonObject(0)
                .getString("name"));
        assertEquals(0, admin.inbox("erin@" + domain).size());

        assertProblem(409, admin.post("/users", "{\"address\":\"erin@" + domain + "\",\"password\":\"another one\"}"),
                "exists");
        assertEquals(204, admin.delete("/users/erin@" + domain).status());
        assertProblem(404, admin.get("/users/erin@" + domain), "no user");
    }

    @Test
    void invalidInputIsABadRequestProblem() {
        String domain = TestServer.uniqueDomain("invalid");
        admin.createDomain(domain);
        assertProblem(400, admin.post("/domains", "{\"name\":\"not a domain\"}"), "not a domain name");
        assertProblem(400, admin.post("/domains", "{\"name\":\"-bad-.test\"}"), "not a domain name");
        assertProblem(400, admin.post("/users", "{\"address\":\"frank@" + domain + "\",\"password\":\"short\"}"),
                "8 to 1024 characters");
        assertProblem(400, admin.post("/users", "{\"address\":\"no-at-sign\",\"password\":\"long enough\"}"),
                "not an address");
        assertProblem(400, admin.post("/users", "{\"address\":\"a b@" + domain + "\",\"password\":\"long enough\"}"),
                "not an address");
        assertProblem(404, admin.post("/users", "{\"address\":\"gina@unknown-domain.test\",\"password\":\"long enough\"}"),
                "no domain");
        assertProblem(400, admin.post("/domains", "{\"name\":"), "JSON");
        assertProblem(400, admin.post("/domains", ""), "required");
        assertProblem(404, admin.get("/no-such-resource"), "");
        assertProblem(404, admin.get("/users/nobody@" + domain + "/messages?mailbox=Nope"), "no user");
    }

    private static void assertProblem(int status, Reply reply, String detailContains) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonObject problem = reply.json();
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains(detailContains),
                "detail '" + problem.getString("detail") + "' should mention '" + detailContains + "'");
    }
}
