package org.postilion.dns;

import java.util.List;

/**
 * Where mail for a domain goes, as DNS says (RFC 5321 section 5.1).
 */
public sealed interface MailExchangers {

    /** A host to try, in order: a named MX target (or the domain itself when it has no MX) and its preference. */
    record Exchanger(String host, int preference) {
    }

    /** The hosts to try, lowest preference first, equal preferences in random order. */
    record Hosts(List<Exchanger> exchangers, boolean implicit) implements MailExchangers {
        public Hosts {
            exchangers = List.copyOf(exchangers);
        }
    }

    /** The domain says it accepts no mail (RFC 7505): a single MX of preference 0 and target ".". */
    record NullMx() implements MailExchangers {
    }

    /** The domain does not exist (NXDOMAIN), or has neither MX nor address records. */
    record NoSuchDomain(String reason) implements MailExchangers {
    }

    /** DNS did not answer (timeout, SERVFAIL): try again later. */
    record TemporaryFailure(String reason) implements MailExchangers {
    }
}
