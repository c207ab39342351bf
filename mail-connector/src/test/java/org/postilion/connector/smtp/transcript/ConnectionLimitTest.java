package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener's connection limits, in all and per client address [smtpd_client_connection_count_limit], over
 * real sockets from several loopback addresses.
 */
class ConnectionLimitTest {

    private static final String GREETING = "220 mx.test ESMTP Postilion";

    private static EventLoops loops;

    private final List<SmtpTestClient> clients = new ArrayList<>();
    private SmtpTestServer server;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(2);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    @AfterEach
    void stop() throws IOException {
        for (SmtpTestClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(SmtpSettings settings) {
        server = SmtpTestServer.start(loops, settings, FakeSmtpBackend.synchronous());
    }

    /** A new connection from {@code from}, and the first line the server sent. */
    private SmtpTestClient connect(String from, StringBuilder firstLine) throws IOException {
        SmtpTestClient c = SmtpTestClient.connect(server.address(), from);
        clients.add(c);
        firstLine.append(c.readReply().toString());
        return c;
    }

    private SmtpTestClient served(String from) throws IOException {
        StringBuilder line = new StringBuilder();
        SmtpTestClient c = connect(from, line);
        assertEquals(GREETING, line.toString());
        return c;
    }

    /** Connects until served: the server frees a place only once it has seen the other connection close. */
    private SmtpTestClient eventuallyServed(String from) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            StringBuilder line = new StringBuilder();
            SmtpTestClient c = connect(from, line);
            if (line.toString().equals(GREETING)) {
                return c;
            }
            c.close();
            assertTrue(System.nanoTime() < deadline, "still refused: " + line);
            Thread.sleep(20);
        }
    }

    @Test
    void refusesTheThirdConnectionFromOneAddressWith421AndClosesIt() throws IOException {
        start(SmtpSettings.defaults("mx.test").toBuilder().maxConnectionsPerClient(2).build());
        served("127.0.0.1");
        served("127.0.0.1");

        StringBuilder line = new StringBuilder();
        SmtpTestClient third = connect("127.0.0.1", line);

        assertEquals("421 4.7.0 mx.test Error: too many connections from 127.0.0.1", line.toString());
        assertTrue(third.isClosedByServer());
    }

    @Test
    void servesAnotherAddressWhileOneIsAtItsLimit() throws IOException {
        start(SmtpSettings.defaults("mx.test").toBuilder().maxConnectionsPerClient(2).build());
        served("127.0.0.1");
        served("127.0.0.1");

        SmtpTestClient other = served("127.0.0.2");

        assertEquals("250 2.0.0 Ok", other.command("NOOP").toString());
    }

    @Test
    void freesAPlaceWhenAConnectionCloses() throws Exception {
        start(SmtpSettings.defaults("mx.test").toBuilder().maxConnectionsPerClient(2).build());
        SmtpTestClient first = served("127.0.0.1");
        served("127.0.0.1");
        StringBuilder refused = new StringBuilder();
        connect("127.0.0.1", refused).close();
        assertTrue(refused.toString().startsWith("421 "), refused.toString());

        assertEquals("221 2.0.0 Bye", first.command("QUIT").toString());
        assertTrue(first.isClosedByServer());

        SmtpTestClient again = eventuallyServed("127.0.0.1");
        assertEquals("250 2.0.0 Ok", again.command("NOOP").toString());
        StringBuilder stillFull = new StringBuilder();
        connect("127.0.0.1", stillFull);
        assertTrue(stillFull.toString().startsWith("421 4.7.0"),
                "a refused connection took no place, and its close freed none: " + stillFull);
    }

    @Test
    void refusesAnyAddressWith421OnceTheListenerIsFull() throws IOException {
        start(SmtpSettings.defaults("mx.test").toBuilder().maxConnections(2).build());
        served("127.0.0.1");
        served("127.0.0.2");

        StringBuilder line = new StringBuilder();
        SmtpTestClient third = connect("127.0.0.3", line);

        assertEquals("421 4.7.0 mx.test Error: too many connections", line.toString());
        assertTrue(third.isClosedByServer());
    }
}
