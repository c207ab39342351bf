package org.postilion.directory;

import java.util.Set;

/**
 * What a recipient address is to this server, after alias expansion.
 *
 * @param kind      deliverable (here and/or elsewhere), unknown in a hosted domain, or not hosted
 * @param accounts  the accounts that receive it here
 * @param remote    the addresses elsewhere it goes to (alias targets in other domains)
 */
public record Resolution(Kind kind, Set<Long> accounts, Set<String> remote) {

    public enum Kind {
        /** a hosted domain, and the address leads to at least one account or remote address */
        DELIVERABLE,
        /** a hosted domain, but no such user or alias */
        UNKNOWN_USER,
        /** a hosted domain, and the address is a disabled user's, or the domain is disabled */
        DISABLED,
        /** not a hosted domain */
        NOT_HOSTED
    }

    public Resolution {
        accounts = Set.copyOf(accounts);
        remote = Set.copyOf(remote);
    }

    public static final Resolution UNKNOWN = new Resolution(Kind.UNKNOWN_USER, Set.of(), Set.of());
    public static final Resolution NOT_HOSTED = new Resolution(Kind.NOT_HOSTED, Set.of(), Set.of());
    public static final Resolution DISABLED = new Resolution(Kind.DISABLED, Set.of(), Set.of());

    public static Resolution local(long accountId) {
        return new Resolution(Kind.DELIVERABLE, Set.of(accountId), Set.of());
    }

    /** Whether everything it leads to is here. */
    public boolean isLocalOnly() {
        return remote.isEmpty();
    }
}
