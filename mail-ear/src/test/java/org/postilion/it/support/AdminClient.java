package org.postilion.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The admin API over real HTTP, as a script or the console would use it. */
public final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: its status, content type and body. */
    public record Reply(int status, String contentType, String body) {
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

    private static Reply expect(int status, Reply r) {
        if (r.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + r.status() + ": " + r.body());
        }
        return r;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
