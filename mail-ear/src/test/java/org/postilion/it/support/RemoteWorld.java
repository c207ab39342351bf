package org.postilion.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The internet of the outbound tests, on loopback: Debian's dnsmasq serving the test domains' records on
 * {@code it.dns.port} (where the test server's resolver points), and remote MTAs (Python's aiosmtpd,
 * {@code outbound/smtp_sink.py}) on 127.0.0.x at {@code it.remote.smtp.port}, each writing what it takes as JSON
 * files. Everything started here stops with {@link #close()}, and by itself after 15 minutes.
 */
public final class RemoteWorld implements AutoCloseable {

    public static final int DNS_PORT = Integer.getInteger("it.dns.port", 40053);
    public static final int REMOTE_PORT = Integer.getInteger("it.remote.smtp.port", 40025);

    private final Path work;
    private final List<Process> processes = new ArrayList<>();

    private RemoteWorld(Path work) {
        this.work = work;
    }

    /** Starts dnsmasq with the given dnsmasq.conf lines (mx-host=..., host-record=..., dns-rr=...). */
    public static RemoteWorld withDns(String... records) throws IOException {
        RemoteWorld world = new RemoteWorld(Files.createTempDirectory("remote-world"));
        Path conf = world.work.resolve("dnsmasq.conf");
        List<String> lines = new ArrayList<>(List.of("port=" + DNS_PORT, "listen-address=127.0.0.1",
                "bind-interfaces", "no-resolv", "no-hosts", "local=/test/"));
        lines.addAll(List.of(records));
        Files.writeString(conf, String.join("\n", lines) + "\n");
        world.processes.add(new ProcessBuilder(Files.exists(Path.of("/usr/sbin/dnsmasq")) ? "/usr/sbin/dnsmasq"
                : "dnsmasq", "-k", "-C", conf.toString(), "--pid-file=" + world.work.resolve("dnsmasq.pid"))
                .redirectErrorStream(true).redirectOutput(world.work.resolve("dnsmasq.log").toFile()).start());
        return world;
    }

    public Path work() {
        return work;
    }

    /** A self-signed certificate and its key for the given name: {cert, key}. */
    public Path[] certificate(String name) throws Exception {
        Path cert = work.resolve(name + ".cert.pem");
        Path key = work.resolve(name + ".key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-subj", "/CN=" + name, "-days", "1");
        return new Path[]{cert, key};
    }

    /** Starts a remote MTA on the address, with smtp_sink.py's options; returns when it listens. */
    public void sink(String host, String... options) throws Exception {
        Path script = Path.of(RemoteWorld.class.getResource("/outbound/smtp_sink.py").toURI());
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--host", host,
                "--port", String.valueOf(REMOTE_PORT), "--dir", work.resolve("sink-" + host).toString(),
                "--max-seconds", "900"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(p);
        // warnings may come first (aiosmtpd says so when TLS is implicit and AUTH required)
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = lines.readLine(); line != null && seen.size() < 20; line = lines.readLine()) {
            seen.add(line);
            if (line.equals("ready")) {
                return;
            }
        }
        throw new AssertionError("the sink on " + host + " did not start (Debian package python3-aiosmtpd): " + seen);
    }

    /** The message the sink on the host took for the recipient, waiting up to 20 s. */
    public JsonObject arrived(String sinkHost, String recipient) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> find(sinkHost, recipient), Optional::isPresent).orElseThrow();
    }

    /** The first message the sink took for the recipient, if any. */
    public Optional<JsonObject> find(String sinkHost, String recipient) throws IOException {
        return taken(sinkHost).stream().filter(o -> o.getJsonArray("rcpt_tos").toString()
                .contains("\"" + recipient + "\"")).findFirst();
    }

    /** Every message the sink on the host took, oldest first. */
    public List<JsonObject> taken(String sinkHost) throws IOException {
        Path dir = work.resolve("sink-" + sinkHost);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JsonObject> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(Json.createReader(new StringReader(Files.readString(f))).readObject());
            }
        }
        return all;
    }

    /** Runs a command to its end (60 s at most) and returns its output; fails on a non-zero exit. */
    public static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
