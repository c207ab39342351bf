package org.postilion.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.probe.QueueProbeServlet;
import org.postilion.it.support.TestServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A message that delivery cannot handle is retried by the broker and finally kept on {@code mail.dlq}, never
 * dropped. The test server runs with a short retry policy (5 attempts, 100 ms to 1 s apart) so that this takes
 * seconds; production retries for about an hour.
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterIT {

    /** A probe next to the EAR that can put a poison message on mail.inbound and browse mail.dlq. */
    @Deployment(testable = false)
    static WebArchive queueProbe() {
        return ShrinkWrap.create(WebArchive.class, "queue-probe.war").addClass(QueueProbeServlet.class);
    }

    @Test
    void undeliverableMessageEndsOnTheDeadLetterQueue() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String id = "POISON" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        URI probe = URI.create("http://" + TestServer.HOST + ":" + TestServer.httpPort() + "/queue-probe/queues?id=" + id);

        assertEquals(204, http.send(HttpRequest.newBuilder(probe).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> http.send(HttpRequest.newBuilder(probe).GET().build(), HttpResponse.BodyHandlers.ofString()).body(),
                "1"::equals);
    }
}
