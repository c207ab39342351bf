package org.postilion.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postilion.connector.spi.ConnectorStatus;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The mail server's own metrics, in Prometheus's text format at the admin API's {@code /api/metrics}:
 * <ul>
 *   <li>{@code postilion_messages_accepted_total{listener}}: messages acknowledged with a 250 (durable);</li>
 *   <li>{@code postilion_recipients_rejected_total{reason}}: recipients refused at RCPT ({@code no_such_user},
 *       {@code relay_denied}, {@code disabled}, {@code bad_destination}, {@code try_later});</li>
 *   <li>{@code postilion_delivery_seconds}: from acceptance to the local mailbox (histogram);</li>
 *   <li>{@code postilion_outbound_recipients_total{status}}: remote recipients {@code delivered}, {@code deferred}
 *       (per attempt) or {@code bounced};</li>
 *   <li>{@code postilion_sessions{listener}}: connections open now, per listener;</li>
 *   <li>{@code postilion_auth_failures_total}: failed authentications, all protocols;</li>
 *   <li>{@code postilion_queue_messages{queue}}: messages waiting on each mail queue;</li>
 *   <li>and the JVM's memory, collector, thread, class loading, processor and uptime figures.</li>
 * </ul>
 * Counts are per node, since the node started, as Prometheus expects of counters. The registry is the
 * application's own (Micrometer in the EAR), not WildFly's: WildFly hands its Micrometer registry and MicroProfile
 * Health to one module of an EAR only (WFLY-12835), while the mail flow is counted in the EJB tier.
 */
@ApplicationScoped
public class MailMetrics {

    /** The listeners a node may have; a gauge reads 0 for one that is off. */
    static final List<String> LISTENERS = List.of("smtp", "submission", "submissions", "imap", "imaps", "pop3",
            "pop3s", "lmtp");
    static final List<String> QUEUES = List.of("mail.inbound", "mail.outbound", "mail.outbound.deferred", "mail.dlq");

    /** The histogram's buckets: a local delivery takes milliseconds, a backlog shows as seconds. */
    private static final Duration[] DELIVERY_BUCKETS = Stream.of(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 30_000, 60_000, 300_000).map(Duration::ofMillis).toArray(Duration[]::new);

    @Inject
    private QueueDepths queues;

    private PrometheusMeterRegistry registry;
    private Timer delivery;
    private JvmGcMetrics gc;

    @PostConstruct
    void registerGauges() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String listener : LISTENERS) {
            Gauge.builder("postilion.sessions", () -> ConnectorStatus.listeners().stream()
                            .filter(l -> l.name().equals(listener)).mapToInt(l -> l.openSessions().getAsInt()).sum())
                    .description("Connections open now").tag("listener", listener).register(registry);
        }
        FunctionCounter.builder("postilion.auth.failures", this, m -> ConnectorStatus.authFailures())
                .description("Failed authentications, all protocols").register(registry);
        for (String queue : QUEUES) {
            Gauge.builder("postilion.queue.messages", () -> queues.depth(queue).orElse(-1))
                    .description("Messages waiting on the queue (-1: unknown)").tag("queue", queue).register(registry);
        }
        for (String status : List.of("delivered", "deferred", "bounced")) {
            Counter.builder("postilion.outbound.recipients").description("Remote recipients by the outcome of an attempt")
                    .tag("status", status).register(registry);
        }
        delivery = Timer.builder("postilion.delivery").description("From acceptance to the local mailbox")
                .tag("destination", "local").serviceLevelObjectives(DELIVERY_BUCKETS).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @PreDestroy
    void close() {
        gc.close();
        registry.close();
    }

    /** Every meter, in Prometheus's text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** A message was accepted (its 250 sent) on a listener. */
    public void accepted(String listener) {
        Counter.builder("postilion.messages.accepted").description("Messages accepted (250 after DATA)")
                .tag("listener", listener).register(registry).increment();
    }

    /** A recipient was refused at RCPT. */
    public void rejected(String reason) {
        Counter.builder("postilion.recipients.rejected").description("Recipients refused at RCPT")
                .tag("reason", reason.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** A remote delivery attempt ended for a recipient: delivered, deferred or bounced. */
    public void outbound(String status) {
        Counter.builder("postilion.outbound.recipients").description("Remote recipients by the outcome of an attempt")
                .tag("status", status.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** A message reached its local mailboxes this long after it was accepted. */
    public void deliveredLocally(Duration sinceAccepted) {
        delivery.record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }
}
