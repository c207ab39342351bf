package org.postilion.connector.imap.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.spi.AuthThrottle;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Plays every script of {@code src/test/resources/transcripts/imap} against a real listener on 127.0.0.1 (the
 * same Netty pipeline the resource adapter starts) with {@link FakeImapStore} behind it. Each script gets a
 * fresh store and server; DELIVER steps go to the store, which signals the server as the JMS topic would.
 */
class ImapTranscriptTest {

    /** IMAP with STARTTLS, as WildFly runs it, without the failure delay that would only slow the tests. */
    static final ImapSettings DEFAULTS = ImapSettings.imap("imap.test").authFailureDelay(java.time.Duration.ZERO)
            .build();

    private static EventLoops loops;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(2);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    record Outcome(List<String> serverLines, FakeImapStore store) {
    }

    static Outcome play(ImapTranscript script, FakeImapStore store) throws IOException {
        try (FakeImapBackend backend = new FakeImapBackend(store);
             ImapTestServer server = ImapTestServer.start(loops, script.settings(DEFAULTS), backend, store,
                     AuthThrottle.defaults())) {
            List<String> lines = script.run(server.address(), (user, mailbox, message) -> {
                store.open(user);
                store.deliver(user, mailbox, message);
            });
            return new Outcome(lines, store);
        }
    }

    static Outcome play(String scriptName) throws IOException {
        return play(ImapTranscript.load(scriptDirectory().resolve(scriptName)), new FakeImapStore());
    }

    static Path scriptDirectory() {
        URL url = Objects.requireNonNull(ImapTranscriptTest.class.getResource("/transcripts/imap"),
                "transcripts/imap on the test class path");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTranscriptScriptPasses() throws IOException {
        List<Path> scripts = ImapTranscript.scripts(scriptDirectory());
        assertFalse(scripts.isEmpty(), "no scripts found");
        return scripts.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> play(ImapTranscript.load(file), new FakeImapStore())));
    }
}
