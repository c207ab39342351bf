package org.postilion.web.api;

import org.postilion.admin.AdminAccount;
import org.postilion.admin.ApiToken;
import org.postilion.audit.AuditEntry;
import org.postilion.directory.Account;
import org.postilion.directory.Alias;
import org.postilion.directory.Domain;
import org.postilion.directory.DomainCounts;
import org.postilion.mailbox.Mailbox;
import org.postilion.mailbox.MessageListing;
import org.postilion.security.AppPassword;
import org.postilion.security.AppPasswords;
import org.postilion.web.security.Caller;

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

    /**
     * A domain: its name (the A-label form of an internationalized name) and, when it differs, its Unicode form;
     * its settings; what it holds; and its catch-all's targets when asked for one domain.
     */
    public record DomainView(String name, String unicodeName, Instant createdAt, boolean enabled,
                             Long defaultQuotaBytes, Integer maxUsers, boolean plusAddressing, CountsView counts,
                             List<String> catchAll) {
        static DomainView of(Domain d) {
            return of(d, null, null);
        }

        static DomainView of(Domain d, DomainCounts counts, List<String> catchAll) {
            return new DomainView(d.getName(), d.getUnicodeName(), d.getCreatedAt(), d.isEnabled(),
                    d.getDefaultQuotaBytes(), d.getMaxUsers(), d.isPlusAddressing(),
                    counts == null ? null : new CountsView(counts.users(), counts.aliases(), counts.storageBytes()),
                    catchAll);
        }
    }

    /** What a domain holds. */
    public record CountsView(long users, long aliases, long storageBytes) {
    }

    /** A domain's settings, all at once; a null {@code enabled} or {@code plusAddressing} stays as it is. */
    public record DomainSettingsRequest(Boolean enabled, Long defaultQuotaBytes, Integer maxUsers,
                                        Boolean plusAddressing) {
    }

    /** A request to add a user. */
    public record NewUser(String address, String password) {
    }

    /**
     * A user. {@code quotaBytes} is the user's own quota, null for the domain's (or the server's) default;
     * {@code quotaLimitBytes} the one that applies (null: none); {@code usedBytes} what the messages take;
     * {@code lastLogins} when the user last logged in, per protocol (only when one user is asked for).
     */
    public record UserView(String address, String unicodeAddress, String displayName, boolean enabled,
                           Instant createdAt, Long quotaBytes, Long quotaLimitBytes, Long usedBytes, String forwardTo,
                           boolean keepCopy, Map<String, Instant> lastLogins) {
        static UserView of(Account a) {
            return of(a, null, null);
        }

        static UserView of(Account a, Long usedBytes, Map<String, Instant> lastLogins) {
            long limit = a.quotaLimit(Long.getLong("postilion.quota.default-bytes", -1));
            String unicode = a.getDomain().getUnicodeName() == null ? null
                    : a.getLocalPart() + "@" + a.getDomain().getUnicodeName();
            return new UserView(a.getAddress(), unicode, a.getDisplayName(), a.isEnabled(), a.getCreatedAt(),
                    a.getQuotaBytes(), limit < 0 ? null : limit, usedBytes, a.getForwardTo(), a.isForwardKeepCopy(),
                    lastLogins);
        }
    }

    /**
     * A user's settings, all at once: a null {@code displayName} or {@code forwardTo} clears it, a null
     * {@code enabled} or {@code keepCopy} stays as it is.
     */
    public record UserSettingsRequest(String displayName, Boolean enabled, String forwardTo, Boolean keepCopy) {
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

    /** A request to set a password: the new one, and the current one when callers change their own. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** An admin's sign-in. */
    public record SignInRequest(String name, String password) {
    }

    /** A mail user's sign-in to the self-service pages. */
    public record MailUserSignIn(String address, String password) {
    }

    /**
     * Who is signed in.
     *
     * @param kind      {@code admin} or {@code mail-user}
     * @param name      the admin's name or the mail user's address
     * @param role      {@code server-admin}, {@code domain-admin} or {@code mail-user}
     * @param domains   a domain admin's domains (empty otherwise)
     * @param csrfToken what requests that change something must send as {@code X-CSRF-Token}; null for a token
     */
    public record SessionView(String kind, String name, String role, List<String> domains, String csrfToken) {
        static SessionView of(Caller c) {
            return new SessionView(c.kind() == Caller.Kind.ADMIN ? "admin" : "mail-user", c.name(), c.role(),
                    c.admin() == null ? List.of() : c.admin().domains().stream().sorted().toList(), c.csrfToken());
        }
    }

    /** Whether the first start's setup is open. */
    public record SetupStatus(boolean open) {
    }

    /** The first server admin, made with the setup token printed to the log. */
    public record SetupRequest(String token, String name, String password) {
    }

    /** A request to add an administrator. */
    public record NewAdmin(String name, String password, String role, List<String> domains) {
    }

    /** A change of an administrator: each null part stays as it is. */
    public record AdminUpdate(String role, List<String> domains, Boolean enabled) {
    }

    public record AdminView(String name, String role, List<String> domains, boolean enabled, Instant createdAt,
                            Instant lastLoginAt) {
        static AdminView of(AdminAccount a) {
            return new AdminView(a.getName(), a.getRole().group(),
                    a.getDomains().stream().map(Domain::getName).sorted().toList(), a.isEnabled(), a.getCreatedAt(),
                    a.getLastLoginAt());
        }
    }

    /** A request for a new API token; {@code expiresAt} null for one that does not expire. */
    public record NewToken(String name, Instant expiresAt) {
    }

    /** A token as listed: never the token itself. */
    public record TokenView(long id, String name, String prefix, String admin, Instant createdAt, Instant expiresAt,
                            Instant lastUsedAt) {
        static TokenView of(ApiToken t, String admin) {
            return new TokenView(t.getId(), t.getName(), t.getPrefix(), admin, t.getCreatedAt(), t.getExpiresAt(),
                    t.getLastUsedAt());
        }
    }

    /** A token just made, with the token: shown this once. */
    public record IssuedTokenView(long id, String name, String prefix, String admin, Instant createdAt,
                                  Instant expiresAt, String token) {
    }

    public record AuditEntryView(long id, Instant at, String actor, String via, String clientAddress, String action,
                                 String target, String domain, String before, String after) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(e.getId(), e.getAt(), e.getActor(), e.getVia(), e.getClientAddress(),
                    e.getAction(), e.getTarget(), e.getDomain(), e.getBefore(), e.getAfter());
        }
    }

    /** A request for an app password: its name, and the protocols it works for (imap, pop3, smtp). */
    public record NewAppPassword(String name, List<String> protocols) {
    }

    /** An app password as listed: never the password. */
    public record AppPasswordView(long id, String name, List<String> protocols, Instant createdAt,
                                  Instant lastUsedAt) {
        static AppPasswordView of(AppPassword p) {
            return new AppPasswordView(p.getId(), p.getName(), p.getProtocols().stream().sorted().toList(),
                    p.getCreatedAt(), p.getLastUsedAt());
        }
    }

    /** An app password just made, with the password: shown this once. */
    public record IssuedAppPasswordView(long id, String name, List<String> protocols, Instant createdAt,
                                        String password) {
        static IssuedAppPasswordView of(AppPasswords.Issued issued) {
            AppPassword p = issued.stored();
            return new IssuedAppPasswordView(p.getId(), p.getName(), p.getProtocols().stream().sorted().toList(),
                    p.getCreatedAt(), issued.password());
        }
    }
}
