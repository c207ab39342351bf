package org.postilion.dns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The DNS records a hosted domain should publish for mail to work and be trusted, and what DNS says of each now:
 * MX, the mail host's address, SPF, DMARC, MTA-STS and TLS-RPT, the autoconfiguration names and RFC 6186 SRV
 * records, and the PTR advice (which only the address's owner can set). DKIM's record comes with DKIM signing.
 */
@ApplicationScoped
public class DomainRecords {

    /** What DNS says of a record. */
    public enum Status {
        /** published as advised (or acceptably: any DMARC policy, any MTA-STS id) */
        OK,
        /** not published */
        MISSING,
        /** something else is published there */
        DIFFERS,
        /** DNS did not answer */
        UNKNOWN,
        /** not checkable from here (PTR of the public address) */
        ADVICE
    }

    /**
     * One record to publish.
     *
     * @param name     the owner name
     * @param type     MX, A, TXT, CNAME, SRV, PTR
     * @param value    what to publish
     * @param purpose  why, in a few words
     * @param required whether mail fails without it (MX, the host's address)
     * @param status   what DNS says now (null when not checked)
     * @param found    what DNS has there now
     */
    public record Expected(String name, String type, String value, String purpose, boolean required, Status status,
                           List<String> found) {
        Expected checked(Status s, List<String> f) {
            return new Expected(name, type, value, purpose, required, s, List.copyOf(f));
        }
    }

    @Inject
    private DnsResolver dns;

    /** The records to publish for the domain (an A-label), served by the mail host. */
    public static List<Expected> expected(String domain, String host, int submissionPort, int imapsPort,
                                          int imapPort) {
        String h = host + ".";
        List<Expected> e = new ArrayList<>();
        e.add(record(domain, "MX", "10 " + h, "mail for the domain comes here", true));
        e.add(record(host, "A", "(this server's public IPv4 address; AAAA for IPv6)", "the mail host has an address", true));
        e.add(record(domain, "TXT", "v=spf1 mx -all", "SPF: only the domain's MX may send its mail", false));
        e.add(record("_dmarc." + domain, "TXT", "v=DMARC1; p=quarantine; rua=mailto:postmaster@" + domain,
                "DMARC: what receivers do with mail failing SPF and DKIM, and where they report", false));
        e.add(record("_mta-sts." + domain, "TXT", "v=STSv1; id=1", "MTA-STS: senders must use TLS (policy at "
                + "https://mta-sts." + domain + "/.well-known/mta-sts.txt; change the id when the policy changes)", false));
        e.add(record("mta-sts." + domain, "CNAME", h, "serves the MTA-STS policy (over HTTPS)", false));
        e.add(record("_smtp._tls." + domain, "TXT", "v=TLSRPTv1; rua=mailto:postmaster@" + domain,
                "TLS-RPT: where senders report TLS failures", false));
        e.add(record("autoconfig." + domain, "CNAME", h, "Thunderbird's autoconfiguration", false));
        e.add(record("autodiscover." + domain, "CNAME", h, "Outlook's autodiscover", false));
        e.add(record("_submission._tcp." + domain, "SRV", "0 1 " + submissionPort + " " + h,
                "RFC 6186: where clients send mail", false));
        e.add(record("_imaps._tcp." + domain, "SRV", "0 1 " + imapsPort + " " + h, "RFC 6186: IMAP over TLS", false));
        e.add(record("_imap._tcp." + domain, "SRV", "0 1 " + imapPort + " " + h, "RFC 6186: IMAP with STARTTLS", false));
        e.add(new Expected("(this server's public address)", "PTR", h,
                "reverse DNS naming the mail host: many receivers refuse mail without it; set by the address's owner",
                false, null, List.of()));
        return e;
    }

    /** The records with what DNS says of each now. */
    public List<Expected> check(List<Expected> records, String host) {
        List<Expected> checked = new ArrayList<>();
        for (Expected e : records) {
            checked.add(switch (e.type()) {
                case "MX" -> compare(e, Type.MX, f -> f.endsWith(" " + host + "."));
                case "A" -> addresses(e);
                case "TXT" -> txt(e);
                case "CNAME" -> compare(e, Type.CNAME, f -> f.equalsIgnoreCase(e.value()));
                case "SRV" -> compare(e, Type.SRV, f -> f.toLowerCase(Locale.ROOT).endsWith(" " + host + "."));
                default -> e.checked(Status.ADVICE, List.of());
            });
        }
        return checked;
    }

    private Expected compare(Expected e, int type, Predicate<String> good) {
        try {
            List<String> found = dns.records(e.name(), type);
            Status s = found.isEmpty() ? Status.MISSING : found.stream().anyMatch(good) ? Status.OK : Status.DIFFERS;
            return e.checked(s, found);
        } catch (DnsResolver.LookupException x) {
            return e.checked(Status.UNKNOWN, List.of(String.valueOf(x.getMessage())));
        }
    }

    /** Only the TXT records of the advised kind count (a domain has others: site verifications, ...). */
    private Expected txt(Expected e) {
        String tag = tagOf(e.value());
        try {
            List<String> found = dns.records(e.name(), Type.TXT).stream().filter(f -> tagOf(f).equalsIgnoreCase(tag))
                    .toList();
            Status s = found.isEmpty() ? Status.MISSING
                    : found.stream().anyMatch(f -> sameKind(f, e.value())) ? Status.OK : Status.DIFFERS;
            return e.checked(s, found);
        } catch (DnsResolver.LookupException x) {
            return e.checked(Status.UNKNOWN, List.of(String.valueOf(x.getMessage())));
        }
    }

    private Expected addresses(Expected e) {
        try {
            List<String> found = dns.addresses(e.name()).stream().map(a -> a.getHostAddress()).toList();
            return e.checked(found.isEmpty() ? Status.MISSING : Status.OK, found);
        } catch (DnsResolver.LookupException x) {
            return e.checked(Status.UNKNOWN, List.of(String.valueOf(x.getMessage())));
        }
    }

    /**
     * A TXT record of the same kind: SPF must say the same (a different SPF is a different policy); DMARC, MTA-STS
     * and TLS-RPT need only be there (any policy, id or address is the domain owner's choice).
     */
    static boolean sameKind(String found, String advised) {
        if (tagOf(advised).equals("v=spf1")) {
            return found.trim().replaceAll("\\s+", " ").equalsIgnoreCase(advised);
        }
        return tagOf(found).equalsIgnoreCase(tagOf(advised));
    }

    /** {@code v=spf1}, {@code v=DMARC1}, ...: a TXT record's first tag, spaces ignored. */
    static String tagOf(String txt) {
        String t = txt.trim();
        int end = 0;
        while (end < t.length() && t.charAt(end) != ' ' && t.charAt(end) != ';') {
            end++;
        }
        return t.substring(0, end);
    }

    private static Expected record(String name, String type, String value, String purpose, boolean required) {
        return new Expected(name, type, value, purpose, required, null, List.of());
    }
}
