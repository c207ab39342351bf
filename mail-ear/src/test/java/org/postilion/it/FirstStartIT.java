package org.postilion.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The very first start, on a server of its own (a fresh copy of the provisioned WildFly with the EAR, its own
 * H2 database, no admin configured, the mail listeners off, WildFly's ports shifted 300 beyond the suite's): no default password
 * exists, a one-time setup token is printed to the log, and the first server admin is made with it through the
 * API, after which the setup is closed. Whatever database the rest of the run uses, this one is new.
 */
class FirstStartIT {

    /** 300 above the suite's own server (400 with the default 100), so that two suites can run side by side. */
    private static final int OFFSET = Integer.getInteger("it.port.offset", 100) + 300;
    private static final Pattern TOKEN = Pattern.compile("\\b([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})\\b");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path base;
    private static Process server;

    @BeforeAll
    static void aFreshServer() throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        base = Path.of(System.getProperty("it.server.dir")).resolveSibling("first-start-server");
        deleteTree(base);
        Files.createDirectories(base.resolve("deployments"));
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.copy(Path.of(System.getProperty("it.ear")), base.resolve("deployments/mail-ear.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml", "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + OFFSET));
        for (String listener : List.of("smtp", "submission", "submissions", "imap", "imaps")) {
            command.add("-Dpostilion." + listener + ".port=-1");
        }
        server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("console.log").toFile()).start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theFirstAdminIsMadeWithTheSetupTokenPrintedToTheLog() throws Exception {
        Path log = base.resolve("log/server.log");
        String token = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> setupToken(log), t -> t != null);
        await().atMost(Duration.ofMinutes(1)).until(() -> status("GET", "/setup", null) == 200);
        assertTrue(body("/setup").contains("\"open\":true"), "the setup is open while no admin exists");
        assertEquals(401, status("POST", "/session", "{\"name\":\"admin\",\"password\":\"admin\"}"),
                "there is no default admin");

        String wrong = "{\"token\":\"00000000-00000000-00000000-00000000\",\"name\":\"first\",\"password\":\"a first password\"}";
        assertEquals(403, status("POST", "/setup", wrong));
        String weak = "{\"token\":\"" + token + "\",\"name\":\"first\",\"password\":\"password1\"}";
        assertEquals(400, status("POST", "/setup", weak), "the password policy holds for the first admin too");
        String right = "{\"token\":\"" + token + "\",\"name\":\"first\",\"password\":\"a first password\"}";
        assertEquals(201, status("POST", "/setup", right));

        assertTrue(body("/setup").contains("\"open\":false"));
        assertEquals(403, status("POST", "/setup", right.replace("first", "second")), "the token is spent");
        assertEquals(200, status("POST", "/session", "{\"name\":\"first\",\"password\":\"a first password\"}"));
        String log2 = Files.readString(log);
        assertTrue(log2.contains("server admin 'first' made with the setup token"), "logged");
    }

    private static String setupToken(Path log) throws IOException {
        if (!Files.exists(log)) {
            return null;
        }
        String text = Files.readString(log);
        int banner = text.indexOf("No administrator exists yet");
        if (banner < 0) {
            return null;
        }
        Matcher m = TOKEN.matcher(text.substring(banner));
        return m.find() ? m.group(1) : null;
    }

    private static URI api(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + OFFSET) + "/api" + path);
    }

    private static int status(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notUpYet) {
            return -1;
        }
    }

    private static String body(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.toString().contains("standalone_xml_history")) {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
