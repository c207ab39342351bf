package org.postilion.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.connector.smtp.transcript.SmtpTranscript;
import org.postilion.it.support.ExampleDomain;
import org.postilion.it.support.TestServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP transcript scripts that mail-connector plays in-process against a fake backend, played over sockets
 * against WildFly with the real EAR, on the listener each script names (MX, submission, submissions). The server
 * calls itself mx.test, as the fake does, and has the directory the scripts expect ({@link ExampleDomain}).
 *
 * <p>Scripts that need what only the fake can give are left out: a backend that fails on purpose
 * ({@code down.test}, {@code broken.test}) or listener limits set by the script ({@code SETTINGS} other than the
 * listener's profile). {@code ACCEPTED:} lines, which count the fake's queue, are dropped.
 */
@ExtendWith(ArquillianExtension.class)
class SmtpTranscriptIT {

    private static final Pattern SETTING = Pattern.compile("(\\w+)=(\\S+)");
    private static final Set<String> LISTENER_SETTINGS = Set.of("profile", "tls");

    @BeforeAll
    static void directory() {
        ExampleDomain.ensure();
    }

    @TestFactory
    Stream<DynamicTest> everyPortableScriptPassesAgainstWildFly() throws IOException {
        Path dir = Path.of(System.getProperty("it.transcripts.dir"));
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        assertTrue(scripts.size() > 20, "the transcript scripts are at " + dir);
        return scripts.stream().filter(SmtpTranscriptIT::portable).map(script -> DynamicTest.dynamicTest(
                script.getFileName().toString(), () -> play(script)));
    }

    private static void play(Path script) throws IOException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("ACCEPTED:")).toList();
        Map<String, String> settings = settings(lines);
        int port = switch (settings.getOrDefault("profile", "mx")) {
            case "submission" -> TestServer.submissionPort();
            case "submissions" -> TestServer.submissionsPort();
            default -> TestServer.smtpPort();
        };
        SmtpTranscript.parse(script.getFileName().toString(), lines)
                .run(new InetSocketAddress(TestServer.HOST, port), () -> 0);
    }

    private static boolean portable(Path script) {
        try {
            String text = Files.readString(script, StandardCharsets.UTF_8);
            if (text.contains("down.test") || text.contains("broken.test")) {
                return false;
            }
            return LISTENER_SETTINGS.containsAll(settings(text.lines().toList()).keySet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> settings(List<String> lines) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("SETTINGS:")) {
                Matcher m = SETTING.matcher(line.substring(9));
                while (m.find()) {
                    settings.put(m.group(1), m.group(2));
                }
            }
        }
        return settings;
    }
}
