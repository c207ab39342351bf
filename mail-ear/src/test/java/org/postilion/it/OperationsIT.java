package org.postilion.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;
import org.postilion.web.api.AdminApi;

import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What operators watch, on the real server: the readiness checks through the admin API (details for server admins,
 * the verdict alone for anonymous probes), the Prometheus metrics (with a token), and the OpenAPI document,
 * checked against every resource method of the web module.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AdminClient ADMIN = new AdminClient();

    @Test
    void readinessChecksReportListenersDatabaseAndQueuesToServerAdmins() {
        JsonObject health = ADMIN.get("/health").json();
        assertTrue(health.getBoolean("up"), health.toString());
        List<String> names = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).toList();
        assertEquals(List.of("database", "mail-listeners", "mail-queues"), names);
        JsonObject listeners = check(health, "mail-listeners").getJsonObject("data");
        assertTrue(listeners.getString("smtp").startsWith("127.0.0.1:" + TestServer.smtpPort()), listeners.toString());
        assertTrue(check(health, "database").getJsonObject("data").containsKey("product"));
        assertTrue(health.getJsonObject("queues").containsKey("mail.dlq"), health.toString());
        assertTrue(check(health, "mail-queues").getJsonObject("data").containsKey("mail.inbound"));
        assertEquals(401, AdminClient.anonymous().get("/health").status());
    }

    @Test
    void loadBalancersProbeWithoutCredentialsAndLearnOnlyTheVerdict() {
        AdminClient.Reply ready = AdminClient.anonymous().get("/health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("{\"status\":\"UP\"}", ready.body().replace(" ", ""));
        AdminClient.Reply live = AdminClient.anonymous().get("/health/live");
        assertEquals(200, live.status(), live.body());
        assertEquals(401, AdminClient.anonymous().get("/metrics").status(), "metrics need a token");
    }

    @Test
    void prometheusMetricsCountTheMailFlow() throws Exception {
        String domain = TestServer.uniqueDomain("metrics");
        ADMIN.createDomain(domain);
        ADMIN.createUser("mia@" + domain, "metrics test password");
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("HELO client.example");
            smtp.command("MAIL FROM:<a@client.example>");
            assertEquals(550, smtp.command("RCPT TO:<nobody@" + domain + ">").code());
            assertEquals(250, smtp.command("RCPT TO:<mia@" + domain + ">").code());
            assertEquals(354, smtp.command("DATA").code());
            assertEquals(250, smtp.data("Subject: counted\r\n\r\ncounted").code());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox("mia@" + domain).size() == 1);
        String metrics = await().atMost(Duration.ofSeconds(20)).until(this::metrics,
                m -> value(m, "postilion_delivery_seconds_count{destination=\"local\"}") >= 1);
        assertTrue(value(metrics, "postilion_messages_accepted_total{listener=\"smtp\"}") >= 1, metrics);
        assertTrue(value(metrics, "postilion_recipients_rejected_total{reason=\"no_such_user\"}") >= 1);
        assertTrue(value(metrics, "postilion_sessions{listener=\"imap\"}") >= 0);
        assertTrue(value(metrics, "postilion_queue_messages{queue=\"mail.inbound\"}") >= 0,
                "the queue depth is known (-1 would mean the broker's JMX beans are off)");
        assertTrue(metrics.contains("postilion_auth_failures_total"), "auth failures counted");
        assertTrue(metrics.contains("postilion_delivery_seconds_bucket"), "a latency histogram");
        assertTrue(value(metrics, "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}") > 0, "JVM figures");
    }

    /** Every resource method of the web module is in the document, with its HTTP method. */
    @Test
    void theOpenApiDocumentDescribesEveryResource() throws Exception {
        HttpResponse<String> r = get("http://" + TestServer.HOST + ":" + TestServer.httpPort() + "/openapi?format=JSON");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject document = json(r.body());
        assertEquals("Postilion administration API", document.getJsonObject("info").getString("title"));
        JsonObject paths = document.getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        for (Class<?> resource : resources()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = "/api" + join(base, sub == null ? "" : sub.value());
                JsonObject item = paths.getJsonObject(path);
                if (item == null || !item.containsKey(verb)) {
                    missing.add(verb.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertTrue(missing.isEmpty(), "not in /openapi: " + missing);
        assertTrue(document.getJsonObject("components").getJsonObject("securitySchemes").containsKey("token"));
    }

    private static List<Class<?>> resources() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path dir = java.nio.file.Path.of(AdminApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        List<String> names;
        if (Files.isDirectory(dir)) {
            try (Stream<java.nio.file.Path> files = Files.walk(dir.resolve("org/postilion/web/api"))) {
                names = files.map(f -> dir.relativize(f).toString()).filter(n -> n.endsWith(".class")).toList();
            }
        } else {
            try (var jar = new java.util.jar.JarFile(dir.toFile())) {
                names = jar.stream().map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith("org/postilion/web/api/") && n.endsWith(".class")).toList();
            }
        }
        for (String n : names) {
            Class<?> c = Class.forName(n.replace('/', '.').substring(0, n.length() - 6), false,
                    OperationsIT.class.getClassLoader());
            if (c.isAnnotationPresent(Path.class)) {
                found.add(c);
            }
        }
        assertFalse(found.isEmpty(), "no resources found in " + dir);
        return found;
    }

    private static String verb(Method m) {
        for (Class<? extends Annotation> a : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (m.isAnnotationPresent(a)) {
                return a.getSimpleName().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String b = base.startsWith("/") ? base : "/" + base;
        if (sub.isEmpty()) {
            return b;
        }
        return b + (sub.startsWith("/") ? sub : "/" + sub);
    }

    private String metrics() {
        AdminClient.Reply r = ADMIN.get("/metrics");
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    /** The value of a Prometheus sample by its name and labels; -1 when absent. */
    private static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

}
