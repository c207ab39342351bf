package org.postilion.web.api;

import org.postilion.directory.Account;
import org.postilion.directory.Domain;
import org.postilion.mailbox.Mailbox;
import org.postilion.mailbox.MessageListing;

import java.time.Instant;
import java.util.List;

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

    public record UserView(String address, Instant createdAt) {
        static UserView of(Account a) {
            return new UserView(a.getAddress(), a.getCreatedAt());
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
