package org.postilion.outbound;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Resolution;
import org.postilion.dns.DnsResolver;
import org.postilion.dns.MailExchangers;
import org.postilion.operations.MailMetrics;
import org.postilion.queue.InboundQueue;
import org.postilion.queue.OutboundQueue;
import org.postilion.queue.QueuedMessage;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One delivery attempt of one queued message to its remote recipients, as Postfix's {@code qmgr} and {@code smtp}
 * do it: recipients grouped by destination domain, each domain's mail exchangers tried in order (at most
 * {@value #MAX_ADDRESSES} addresses) until one answers, one SMTP transaction per domain. Each recipient ends the
 * attempt DELIVERED, BOUNCED (a 5xx, a null MX, no such domain, or its time is up) or DEFERRED; deferred ones go
 * back to the queue for the next attempt, with back-off; bounced ones get a delivery status notification.
 *
 * <p>Every outcome is written to the {@link OutboundLedger} as soon as the transaction with the remote host ended,
 * before anything else happens: a crash after that never sends the message to those recipients again. The one
 * window left is between a remote server's 250 and that commit, milliseconds long, as in every MTA.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RemoteDelivery {

    private static final Logger LOG = Logger.getLogger(RemoteDelivery.class.getName());

    /** The most addresses tried for one domain in one attempt (Postfix's smtp_mx_address_limit). */
    static final int MAX_ADDRESSES = 5;

    @Inject
    private DnsResolver dns;

    @Inject
    private OutboundLedger ledger;

    @Inject
    private OutboundQueue outbound;

    @Inject
    private InboundQueue inbound;

    @Inject
    private DirectoryService directory;

    @Inject
    private MailMetrics metrics;

    @Inject
    private TransportRoutes routes;

    private final OutboundSettings settings = OutboundSettings.fromSystemProperties();
    private final SmtpTransaction smtp = new SmtpTransaction(settings);

    /** Attempt number {@code attempt} (1 for the first) of the message's delivery to its open recipients. */
    public void attempt(QueuedMessage queued, int attempt) {
        OutboundLedger.Opened opened = ledger.open(queued, attempt);
        Instant now = Instant.now();
        if (opened.held()) {
            // held by an administrator: the message's bytes wait in the broker, looked at again after the longest
            // back-off (or at once when released); a second wait of the same attempt is a new broker message
            outbound.defer(queued, attempt, settings.maxRetry(), "held/" + now.toEpochMilli());
            LOG.info(() -> queued.queueId() + ": held, no attempt");
            return;
        }
        Map<String, List<OutboundLedger.Open>> byDomain = new LinkedHashMap<>();
        for (OutboundLedger.Open r : opened.open()) {
            byDomain.computeIfAbsent(domainOf(r.address()), d -> new ArrayList<>()).add(r);
        }
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<OutboundLedger.Open>> group : byDomain.entrySet()) {
            List<RecipientOutcome> some = deliver(queued, attempt, group.getKey(), group.getValue());
            some = expireIfDue(queued, some, now);
            ledger.record(queued.queueId(), some);
            log(queued, some);
            some.forEach(o -> metrics.outbound(o.status().name()));
            outcomes.addAll(some);
        }

        List<OutboundLedger.Open> bounced = new ArrayList<>();
        List<DeliveryStatusNotice.Entry> bounceEntries = new ArrayList<>();
        for (RecipientOutcome b : opened.bouncedWithoutDsn()) {
            QueuedMessage.Recipient r = queued.recipients().stream()
                    .filter(x -> x.address().equalsIgnoreCase(b.address())).findFirst()
                    .orElse(QueuedMessage.Recipient.of(b.address()));
            bounced.add(new OutboundLedger.Open(b.address(), r.dsnNotify(), r.orcpt()));
            bounceEntries.add(new DeliveryStatusNotice.Entry(b.address(), r.orcpt(), b.dsnStatus(), b.remoteHost(),
                    b.reply(), now));
        }
        List<OutboundLedger.Open> deferred = new ArrayList<>();
        for (RecipientOutcome o : outcomes) {
            OutboundLedger.Open r = opened.open().stream().filter(x -> x.address().equalsIgnoreCase(o.address()))
                    .findFirst().orElseThrow();
            if (o.status() == OutboundRecipient.Status.BOUNCED) {
                bounced.add(r);
                bounceEntries.add(new DeliveryStatusNotice.Entry(r.address(), r.orcpt(), o.dsnStatus(),
                        o.remoteHost(), o.reply(), now));
            } else if (o.status() == OutboundRecipient.Status.DEFERRED) {
                deferred.add(r);
            }
        }
        if (!bounced.isEmpty()) {
            notifySender(queued, attempt, DeliveryStatusNotice.Kind.FAILURE, bounced, bounceEntries);
        }
        if (deferred.isEmpty()) {
            ledger.settle(queued.queueId(), null);
            return;
        }
        warnOfDelayIfDue(queued, attempt, opened.delayWarned(), deferred, outcomes, now);
        Duration wait = settings.retryAfter(attempt);
        List<QueuedMessage.Recipient> waiting = deferred.stream()
                .map(r -> new QueuedMessage.Recipient(r.address(), r.dsnNotify(), r.orcpt())).toList();
        outbound.defer(queued.withRecipients(waiting), attempt + 1, wait, "attempt/" + (attempt + 1));
        ledger.settle(queued.queueId(), now.plus(wait));
    }

    /** One domain's recipients: local ones back to local delivery, the others to the domain's exchangers. */
    private List<RecipientOutcome> deliver(QueuedMessage queued, int attempt, String domain,
                                           List<OutboundLedger.Open> recipients) {
        List<String> addresses = recipients.stream().map(OutboundLedger.Open::address).toList();
        if (isHosted(addresses.get(0))) {
            // hosted here since it was queued: never leaves (re-queued for local delivery, idempotently)
            inbound.enqueue(new QueuedMessage(queued.queueId() + ".L" + attempt, queued.receivedAt(),
                    queued.sender(), recipients.stream().map(r -> new QueuedMessage.Recipient(r.address(),
                    r.dsnNotify(), r.orcpt())).toList(), queued.clientAddress(), queued.heloName(),
                    queued.authenticatedUser(), queued.dsnReturn(), queued.envelopeId(), queued.content()));
            return all(addresses, OutboundRecipient.Status.DELIVERED, "2.0.0",
                    "relay=local: " + domain + " is hosted here", null, null);
        }
        Optional<TransportRoutes.Relay> relay = routes.relayFor(domain,
                queued.sender().substring(queued.sender().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
        SmtpTransaction.Envelope envelope = new SmtpTransaction.Envelope(queued.sender(), addresses,
                recipients.get(0).dsnNotify(), queued.dsnReturn());
        if (relay.isPresent()) {
            return throughRelay(relay.get(), envelope, queued.content());
        }
        MailExchangers mx = dns.exchangers(domain);
        if (mx instanceof MailExchangers.NullMx) {
            return all(addresses, OutboundRecipient.Status.BOUNCED, "5.1.10",
                    domain + " accepts no mail (null MX, RFC 7505)", null, null);
        }
        if (mx instanceof MailExchangers.NoSuchDomain n) {
            return all(addresses, OutboundRecipient.Status.BOUNCED, "5.1.2", n.reason(), null, null);
        }
        if (mx instanceof MailExchangers.TemporaryFailure t) {
            return all(addresses, OutboundRecipient.Status.DEFERRED, "4.4.3", "DNS: " + t.reason(), null, null);
        }
        String lastError = "no mail exchanger of " + domain + " has an address";
        String lastHost = null;
        String lastIp = null;
        int tried = 0;
        for (MailExchangers.Exchanger host : ((MailExchangers.Hosts) mx).exchangers()) {
            List<InetAddress> ips;
            try {
                ips = dns.addresses(host.host());
            } catch (DnsResolver.LookupException e) {
                lastError = "DNS: " + e.getMessage();
                continue;
            }
            for (InetAddress ip : ips) {
                if (tried++ == MAX_ADDRESSES) {
                    break;
                }
                try {
                    return smtp.send(SmtpTransaction.Target.exchanger(host.host(), ip, settings.port()), envelope,
                            queued.content());
                } catch (SmtpTransaction.HostFailure f) {
                    lastHost = host.host();
                    lastIp = ip.getHostAddress();
                    if (f.permanent) {
                        return all(addresses, OutboundRecipient.Status.BOUNCED,
                                SmtpTransaction.dsnStatus(f.getMessage(), "5.0.0"), f.getMessage(), host.host(),
                                ip.getHostAddress());
                    }
                    lastError = f.getMessage();
                    LOG.fine(() -> queued.queueId() + ": " + f.getMessage() + "; trying the next exchanger");
                }
            }
        }
        return all(addresses, OutboundRecipient.Status.DEFERRED, "4.4.1", lastError, lastHost, lastIp);
    }

    /**
     * Through a relay (smart host): its addresses in turn (an IP address is used as it is); a relay that refuses or
     * cannot be reached defers the recipients, a 5xx from it bounces them, as from any server.
     */
    private List<RecipientOutcome> throughRelay(TransportRoutes.Relay relay, SmtpTransaction.Envelope envelope,
                                                byte[] content) {
        List<InetAddress> ips;
        try {
            // an address literal is used as it is (no lookup); a name is looked up (A/AAAA, not MX)
            ips = relay.host().matches("\\d{1,3}(\\.\\d{1,3}){3}") || relay.host().contains(":")
                    ? List.of(InetAddress.getByName(relay.host().replace("[", "").replace("]", "")))
                    : dns.addresses(relay.host());
        } catch (DnsResolver.LookupException | java.net.UnknownHostException e) {
            return all(envelope.recipients(), OutboundRecipient.Status.DEFERRED, "4.4.3",
                    relay.describedAs() + " " + relay.host() + ": " + e.getMessage(), relay.host(), null);
        }
        if (ips.isEmpty()) {
            return all(envelope.recipients(), OutboundRecipient.Status.DEFERRED, "4.4.4",
                    relay.describedAs() + " " + relay.host() + " has no address", relay.host(), null);
        }
        SmtpTransaction.Security security = switch (relay.tls()) {
            case STARTTLS -> SmtpTransaction.Security.STARTTLS;
            case IMPLICIT -> SmtpTransaction.Security.IMPLICIT;
            case NONE -> SmtpTransaction.Security.NONE;
        };
        String lastError = null;
        String lastIp = null;
        for (InetAddress ip : ips.subList(0, Math.min(ips.size(), MAX_ADDRESSES))) {
            try {
                return smtp.send(new SmtpTransaction.Target(relay.host(), ip, relay.port(), security, relay.verify(),
                        relay.username(), relay.password()), envelope, content);
            } catch (SmtpTransaction.HostFailure f) {
                lastIp = ip.getHostAddress();
                if (f.permanent) {
                    return all(envelope.recipients(), OutboundRecipient.Status.BOUNCED,
                            SmtpTransaction.dsnStatus(f.getMessage(), "5.0.0"), f.getMessage(), relay.host(), lastIp);
                }
                lastError = relay.describedAs() + " " + f.getMessage();
            }
        }
        return all(envelope.recipients(), OutboundRecipient.Status.DEFERRED, "4.4.1", lastError, relay.host(), lastIp);
    }

    /** A recipient still deferred when its time is up bounces, naming the last reason it waited for. */
    private List<RecipientOutcome> expireIfDue(QueuedMessage queued, List<RecipientOutcome> outcomes, Instant now) {
        if (now.isBefore(queued.receivedAt().plus(settings.maxLifetime()))) {
            return outcomes;
        }
        return outcomes.stream().map(o -> o.status() != OutboundRecipient.Status.DEFERRED ? o
                : new RecipientOutcome(o.address(), OutboundRecipient.Status.BOUNCED, "5.4.7",
                "delivery time expired after " + settings.maxLifetime().toHours() + " h; last error: " + o.reply(),
                o.remoteHost(), o.remoteIp(), o.tls())).toList();
    }

    private void warnOfDelayIfDue(QueuedMessage queued, int attempt, boolean warned,
                                  List<OutboundLedger.Open> deferred, List<RecipientOutcome> outcomes, Instant now) {
        if (warned || settings.delayWarning().isZero()
                || now.isBefore(queued.receivedAt().plus(settings.delayWarning()))) {
            return;
        }
        List<OutboundLedger.Open> asked = deferred.stream()
                .filter(r -> r.dsnNotify().isEmpty() || r.dsnNotify().toUpperCase(Locale.ROOT).contains("DELAY"))
                .toList();
        if (asked.isEmpty()) {
            return;
        }
        List<DeliveryStatusNotice.Entry> entries = new ArrayList<>();
        for (OutboundLedger.Open r : asked) {
            RecipientOutcome o = outcomes.stream().filter(x -> x.address().equalsIgnoreCase(r.address()))
                    .findFirst().orElseThrow();
            entries.add(new DeliveryStatusNotice.Entry(r.address(), r.orcpt(), o.dsnStatus(), o.remoteHost(),
                    o.reply(), now));
        }
        notifySender(queued, attempt, DeliveryStatusNotice.Kind.DELAY, asked, entries);
    }

    /**
     * Queues a notice for the sender, for the recipients that asked for it (no NOTIFY, or NOTIFY naming the kind);
     * none for the null sender (never a bounce for a bounce) or NOTIFY=NEVER. Recorded either way, so that a
     * redelivery does not send it again; the notice's queue id is derived from the message's and the attempt's,
     * so a notice queued twice is stored once.
     */
    private void notifySender(QueuedMessage queued, int attempt, DeliveryStatusNotice.Kind kind,
                              List<OutboundLedger.Open> recipients, List<DeliveryStatusNotice.Entry> entries) {
        String word = kind == DeliveryStatusNotice.Kind.FAILURE ? "FAILURE" : "DELAY";
        List<DeliveryStatusNotice.Entry> wanted = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            String notify = recipients.get(i).dsnNotify().toUpperCase(Locale.ROOT);
            if (notify.isEmpty() || notify.contains(word)) {
                wanted.add(entries.get(i));
            }
        }
        String dsnQueueId = queued.queueId() + (kind == DeliveryStatusNotice.Kind.FAILURE ? ".B" : ".D") + attempt;
        List<String> addresses = recipients.stream().map(OutboundLedger.Open::address).toList();
        if (queued.sender().isEmpty() || wanted.isEmpty()) {
            ledger.dsnQueued(queued.queueId(), addresses, kind.name().toLowerCase(Locale.ROOT),
                    queued.sender().isEmpty() ? "(none: null sender)" : "(none: NOTIFY)");
            return;
        }
        byte[] notice = DeliveryStatusNotice.build(kind, settings.hostname(), queued.sender(), queued.queueId(),
                queued.envelopeId(), queued.receivedAt(), wanted, queued.content(),
                "HDRS".equalsIgnoreCase(queued.dsnReturn()), queued.receivedAt().plus(settings.maxLifetime()));
        inbound.enqueue(new QueuedMessage(dsnQueueId, Instant.now(), "", List.of(QueuedMessage.Recipient.of(
                queued.sender())), "127.0.0.1", settings.hostname(), null, null, null, notice));
        ledger.dsnQueued(queued.queueId(), addresses, kind.name().toLowerCase(Locale.ROOT), dsnQueueId);
        LOG.info(() -> queued.queueId() + ": sender " + kind.name().toLowerCase(Locale.ROOT) + " notification: "
                + dsnQueueId);
    }

    private boolean isHosted(String address) {
        int at = address.lastIndexOf('@');
        return directory.resolve(address.substring(0, at), address.substring(at + 1)).kind()
                != Resolution.Kind.NOT_HOSTED;
    }

    private static List<RecipientOutcome> all(List<String> addresses, OutboundRecipient.Status status,
                                              String dsnStatus, String reply, String host, String ip) {
        return addresses.stream().map(a -> new RecipientOutcome(a, status, dsnStatus, reply, host, ip, null)).toList();
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Postfix's line per recipient: {@code to=<…>, relay=host[ip], delay=…, dsn=…, status=sent (…)}. */
    private static void log(QueuedMessage queued, List<RecipientOutcome> outcomes) {
        double delay = Duration.between(queued.receivedAt(), Instant.now()).toMillis() / 1000.0;
        for (RecipientOutcome o : outcomes) {
            String status = switch (o.status()) {
                case DELIVERED -> "sent";
                case BOUNCED -> "bounced";
                default -> "deferred";
            };
            String relay = o.remoteHost() == null ? "none" : o.remoteHost() + "[" + o.remoteIp() + "]";
            Level level = o.status() == OutboundRecipient.Status.BOUNCED ? Level.WARNING : Level.INFO;
            LOG.log(level, () -> String.format(Locale.ROOT, "%s: to=<%s>, relay=%s, delay=%.1f, dsn=%s, status=%s (%s)%s",
                    queued.queueId(), o.address(), relay, delay, o.dsnStatus(), status, o.reply(),
                    o.tls() == null ? "" : ", tls=" + o.tls()));
        }
    }
}
