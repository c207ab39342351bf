package org.postilion.dns;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * Looks up mail exchangers and addresses with dnsjava's {@link LookupSession}: CNAMEs followed (at most a few),
 * answers cached for their TTLs (negative answers for the SOA's minimum), and a bounded wait per lookup.
 *
 * <p>Settings: {@code postilion.dns.server} (comma-separated addresses; the system's resolvers when unset),
 * {@code postilion.dns.port} (53), {@code postilion.dns.timeout} (seconds, 10).
 */
@ApplicationScoped
public class DnsResolver {

    private LookupSession session;
    private Duration timeout;
    private final RandomGenerator random = RandomGenerator.getDefault();

    @PostConstruct
    void configure() {
        timeout = Duration.ofSeconds(Long.getLong("postilion.dns.timeout", 10));
        session = LookupSession.builder()
                .resolver(resolver(System.getProperty("postilion.dns.server"), Integer.getInteger("postilion.dns.port", 53),
                        timeout))
                .cache(new Cache(DClass.IN))
                .maxRedirects(8)
                .build();
    }

    /** For tests: a session over the given resolver. */
    static DnsResolver over(Resolver resolver, Duration timeout) {
        DnsResolver r = new DnsResolver();
        r.timeout = timeout;
        r.session = LookupSession.builder().resolver(resolver).cache(new Cache(DClass.IN)).maxRedirects(8).build();
        return r;
    }

    static Resolver resolver(String servers, int port, Duration timeout) {
        List<Resolver> resolvers = new ArrayList<>();
        if (servers != null && !servers.isBlank()) {
            for (String server : servers.split(",")) {
                SimpleResolver r = new SimpleResolver(new InetSocketAddress(server.trim(), port));
                r.setTimeout(timeout);
                resolvers.add(r);
            }
        } else {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            return system;
        }
        ExtendedResolver all = new ExtendedResolver(resolvers);
        all.setTimeout(timeout);
        return all;
    }

    /**
     * The mail exchangers of a domain (an A-label): its MX hosts by preference, random among equal ones; the domain
     * itself when it has no MX but has an address (RFC 5321 section 5.1); or why there are none.
     */
    public MailExchangers exchangers(String domain) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return new MailExchangers.NoSuchDomain("not a domain name: " + domain);
        }
        List<MXRecord> mx = new ArrayList<>();
        try {
            for (Record r : lookup(name, Type.MX).getRecords()) {
                if (r instanceof MXRecord m) {
                    mx.add(m);
                }
            }
        } catch (NoSuchDomainException e) {
            return new MailExchangers.NoSuchDomain("domain not found: " + domain);
        } catch (NoSuchRRSetException e) {
            return implicitExchanger(name, domain);
        } catch (LookupException e) {
            return new MailExchangers.TemporaryFailure(e.getMessage());
        }
        if (mx.isEmpty()) {
            return implicitExchanger(name, domain);
        }
        return MxOrder.order(mx, random);
    }

    /** No MX: the domain's own A or AAAA records make it its own exchanger, at preference 0. */
    private MailExchangers implicitExchanger(Name name, String domain) {
        try {
            if (!addresses(name).isEmpty()) {
                return new MailExchangers.Hosts(List.of(new MailExchangers.Exchanger(domain, 0)), true);
            }
            return new MailExchangers.NoSuchDomain("no MX and no address for " + domain);
        } catch (LookupException e) {
            return new MailExchangers.TemporaryFailure(e.getMessage());
        }
    }

    /** The IPv4 and IPv6 addresses of a host, IPv4 first; empty when it has none. */
    public List<InetAddress> addresses(String host) throws LookupException {
        try {
            return addresses(Name.fromString(host.endsWith(".") ? host : host + "."));
        } catch (TextParseException e) {
            return List.of();
        }
    }

    private List<InetAddress> addresses(Name name) throws LookupException {
        List<InetAddress> found = new ArrayList<>();
        for (int type : new int[]{Type.A, Type.AAAA}) {
            try {
                for (Record r : lookup(name, type).getRecords()) {
                    if (r instanceof ARecord a) {
                        found.add(a.getAddress());
                    } else if (r instanceof AAAARecord a) {
                        found.add(a.getAddress());
                    }
                }
            } catch (NoSuchDomainException | NoSuchRRSetException e) {
                // none of this type
            }
        }
        return found;
    }

    private LookupResult lookup(Name name, int type) throws NoSuchDomainException, NoSuchRRSetException,
            LookupException {
        try {
            return session.lookupAsync(name, type).toCompletableFuture()
                    .get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoSuchDomainException n) {
                throw n;
            }
            if (cause instanceof NoSuchRRSetException n) {
                throw n;
            }
            throw new LookupException(Type.string(type) + " lookup of " + name + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new LookupException(Type.string(type) + " lookup of " + name + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupException(Type.string(type) + " lookup of " + name + " interrupted", e);
        }
    }

    /** A lookup that did not get an answer (timeout, SERVFAIL, network): worth trying again later. */
    public static final class LookupException extends Exception {
        public LookupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The records of one type at a name, in their presentation form ({@code "v=spf1 mx -all"} for TXT, the strings
     * joined; {@code mx.example.com.} for CNAME; {@code 0 1 587 mx.example.com.} for SRV); empty when there are
     * none or the name does not exist.
     *
     * @throws LookupException when DNS did not answer
     */
    public List<String> records(String name, int type) throws LookupException {
        Name n;
        try {
            n = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            for (Record r : lookup(n, type).getRecords()) {
                if (r.getType() != type) {
                    continue;
                }
                if (r instanceof org.xbill.DNS.TXTRecord t) {
                    found.add(String.join("", t.getStrings()));
                } else {
                    found.add(r.rdataToString());
                }
            }
        } catch (NoSuchDomainException | NoSuchRRSetException e) {
            return List.of();
        }
        return found;
    }
}
