package org.postilion.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The admin API over real HTTP, as a script or the console would use it. {@code new AdminClient()} acts as the test
 * server's first server admin with an API token (made once per test run from a signed-in session); the factories
 * give other callers: anonymous, a given token, a web session of an admin or of a mail user (with its cookie and
 * anti-forgery token).
 */
public final class AdminClient {

    /** The first server admin the test server is started with ({@code postilion.admin.password}). */
    public static final String ADMIN_NAME = "admin";
    public static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-secret-7391");
    private static volatile String serverAdminToken;

    private final HttpClient http;
    private final String bearer;
    private final String csrfToken;

    /** The test server's first server admin, authenticated by an API token. */
    public AdminClient() {
        this(client(null), serverAdminToken(), null);
    }

    private AdminClient(HttpClient http, String bearer, String csrfToken) {
        this.http = http;
        this.bearer = bearer;
        this.csrfToken = csrfToken;
    }

    /** No credentials at all. */
    public static AdminClient anonymous() {
        return new AdminClient(client(null), null, null);
    }

    /** Any bearer token, valid or not. */
    public static AdminClient withToken(String token) {
        return new AdminClient(client(null), token, null);
    }

    /** A web session of an admin, signed in with name and password; fails the test when the sign-in does. */
    public static AdminClient signIn(String name, String password) {
        return session("/session", Json.createObjectBuilder().add("name", name).add("password", password).build());
    }

    /** A web session of a mail user (the self-service resources). */
    public static AdminClient signInMailUser(String address, String password) {
        return session("/self/session",
                Json.createObjectBuilder().add("address", address).add("password", password).build());
    }

    private static AdminClient session(String path, JsonObject credentials) {
        AdminClient cookies = new AdminClient(client(new CookieManager()), null, null);
        Reply r = expect(200, cookies.post(path, credentials.toString()));
        return new AdminClient(cookies.http, null, r.json().getString("csrfToken"));
    }

    /** The same session without its anti-forgery token, as a forged cross-site request would be. */
    public AdminClient withoutCsrfToken() {
        return new AdminClient(http, bearer, null);
    }

    /** Makes an API token from this (session) client; returns the token. */
    public String createToken(String name) {
        return expect(201, post("/tokens", Json.createObjectBuilder().add("name", name).build().toString())).json()
                .getString("token");
    }

    private static String serverAdminToken() {
        String t = serverAdminToken;
        if (t == null) {
            synchronized (AdminClient.class) {
                t = serverAdminToken;
                if (t == null) {
                    t = signIn(ADMIN_NAME, ADMIN_PASSWORD).createToken("it-" + UUID.randomUUID());
                    serverAdminToken = t;
                }
            }
        }
        return t;
    }

    private static HttpClient client(CookieManager cookies) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            b.cookieHandler(cookies);
        }
        return b.build();
    }

    /** A response: its status, content type, body and headers. */
    public record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonObject json() {
            return (JsonObject) parse(body);
        }

        public JsonArray array() {
            return (JsonArray) parse(body);
        }

        private static JsonStructure parse(String s) {
            try (var r = Json.createReader(new StringReader(s))) {
                return r.read();
            }
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(TestServer.api(path)).GET());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(TestServer.api(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(TestServer.api(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(TestServer.api(path)).DELETE());
    }

    public void createDomain(String name) {
        expect(201, post("/domains", Json.createObjectBuilder().add("name", name).build().toString()));
    }

    public void createUser(String address, String password) {
        expect(201, post("/users", Json.createObjectBuilder().add("address", address).add("password", password)
                .build().toString()));
    }

    /** The INBOX listing of a user. */
    public List<JsonObject> inbox(String address) {
        Reply r = expect(200, get("/users/" + encode(address) + "/messages"));
        return r.array().getValuesAs(JsonObject.class);
    }

    /** Creates or replaces an alias ({@code @domain} for a catch-all). */
    public void setAlias(String address, String... targets) {
        var array = Json.createArrayBuilder();
        for (String t : targets) {
            array.add(t);
        }
        expect(200, send(HttpRequest.newBuilder(TestServer.api("/aliases/" + encode(address)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("targets", array).build()
                        .toString()))));
    }

    /** A domain and users that may already exist (a database kept between runs): 201 and 409 are both fine. */
    public void ensureDomain(String name) {
        Reply r = post("/domains", Json.createObjectBuilder().add("name", name).build().toString());
        if (r.status() != 201 && r.status() != 409) {
            throw new AssertionError("cannot create domain " + name + ": " + r.body());
        }
    }

    public void ensureUser(String address, String password) {
        Reply r = post("/users", Json.createObjectBuilder().add("address", address).add("password", password)
                .build().toString());
        if (r.status() != 201 && r.status() != 409) {
            throw new AssertionError("cannot create user " + address + ": " + r.body());
        }
    }

    /** One stored message, raw. */
    public String rawMessage(String address, long uid) {
        Reply r = expect(200, get("/users/" + encode(address) + "/messages/" + uid));
        return r.body();
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static Reply expect(int status, Reply r) {
        if (r.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + r.status() + ": " + r.body());
        }
        return r;
    }

    private Reply send(HttpRequest.Builder request) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
