package org.postilion.directory;

/**
 * What a domain holds.
 *
 * @param users        its accounts
 * @param aliases      its aliases (an alias with several targets counts once; the catch-all counts)
 * @param storageBytes the size of all its users' messages, in octets
 */
public record DomainCounts(long users, long aliases, long storageBytes) {

    public static final DomainCounts NONE = new DomainCounts(0, 0, 0);
}
