package org.postilion.web.api;

import org.postilion.directory.Account;
import org.postilion.directory.Alias;
import org.postilion.directory.Domain;
import org.postilion.mailbox.Mailbox;
import org.postilion.mailbox.MessageListing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the API reads and writes: plain records, never entities. */
public final class Views {

    private Views() {
    }

    /** A request to add a domain. */
    public record NewDomain(String name) {
    }

    public record DomainView(String name, Instant createdAt) {
        static DomainView of(Domain d) {
            return new DomainView(d.getName(), d.getCreatedAt());
        }
    }

    /** A request to add a user. */
    public record NewUser(String address, String password) {
    }

    /** A user; {@code quotaBytes} null means the server's default quota. */
    public record UserView(String address, Instant createdAt, Long quotaBytes) {
        static UserView of(Account a) {
            return new UserView(a.getAddress(), a.getCreatedAt(), a.getQuotaBytes());
        }
    }

    /** A request to set a user's storage quota in octets; null gives the server's default. */
    public record QuotaRequest(Long bytes) {
    }

    /** A request to create an alias ({@code "@example.com"} is the domain's catch-all), or to set its targets. */
    public record NewAlias(String address, List<String> targets) {
    }

    public record AliasView(String address, List<String> targets) {
        /** Groups alias rows (one per target, ordered by address) into one view per alias. */
        static List<AliasView> of(List<Alias> rows) {
            Map<String, List<String>> byAddress = new LinkedHashMap<>();
            for (Alias a : rows) {
                byAddress.computeIfAbsent(a.getAddress(), k -> new ArrayList<>()).add(a.getTarget());
            }
            return byAddress.entrySet().stream().map(e -> new AliasView(e.getKey(), List.copyOf(e.getValue()))).toList();
        }
    }

    public record MailboxView(String name, long uidValidity, long uidNext) {
        static MailboxView of(Mailbox m) {
            return new MailboxView(m.getName(), m.getUidValidity(), m.getUidNext());
        }
    }

    public record MessageView(long uid, String from, String subject, long size, Instant internalDate,
                              Instant date, List<String> flags) {
        static MessageView of(MessageListing m) {
            return new MessageView(m.uid(), m.from(), m.subject(), m.size(), m.internalDate(), m.sentDate(),
                    m.flags());
        }
    }
}
