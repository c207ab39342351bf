package org.postilion.directory;

/**
 * What an address is to this server.
 *
 * @param kind      local, unknown in a hosted domain, or not hosted
 * @param accountId the account receiving the mail when local, else null
 */
public record Resolution(Kind kind, Long accountId) {

    public enum Kind {
        /** an account of a hosted domain */
        LOCAL,
        /** a hosted domain, but no such user */
        UNKNOWN_USER,
        /** not a hosted domain */
        NOT_HOSTED
    }

    public static final Resolution UNKNOWN = new Resolution(Kind.UNKNOWN_USER, null);
    public static final Resolution REMOTE = new Resolution(Kind.NOT_HOSTED, null);

    public static Resolution local(long accountId) {
        return new Resolution(Kind.LOCAL, accountId);
    }
}
