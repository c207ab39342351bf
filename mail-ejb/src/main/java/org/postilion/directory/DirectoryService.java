package org.postilion.directory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Administration of domains, accounts and aliases, and the resolution of addresses. */
public interface DirectoryService {

    /** Adds a hosted domain; its name is validated and lower-cased. */
    Domain createDomain(String name) throws DirectoryException;

    List<Domain> listDomains();

    /** The hosted domain of that name (any case, a trailing dot allowed). */
    Domain findDomain(String name) throws DirectoryException;

    /**
     * Removes a domain. Without {@code force}, only one that has no accounts or aliases left; with it, its
     * accounts (with their mailboxes and messages) and aliases go too.
     */
    void deleteDomain(String name, boolean force) throws DirectoryException;

    /** Sets a domain's settings. */
    Domain updateDomain(String name, DomainSettings settings) throws DirectoryException;

    /** What each domain holds, by domain name; domains that hold nothing may be missing. */
    Map<String, DomainCounts> countDomains();

    /**
     * Adds an account to a hosted domain, with its password hashed, and its mailboxes.
     *
     * @param address  {@code local-part@domain}; not an existing account or alias
     * @param password the clear-text password, as {@link org.postilion.security.PasswordPolicy} allows
     */
    Account createAccount(String address, String password) throws DirectoryException;

    List<Account> listAccounts(String domain) throws DirectoryException;

    /** Accounts by address, filtered and paged. */
    AccountQuery.Page findAccounts(AccountQuery query);

    /** Sets a user's settings (display name, enabled, forwarding). */
    Account updateAccount(String address, AccountSettings settings) throws DirectoryException;

    /** Records that an account logged in over a protocol ({@code imap}, {@code pop3}, {@code smtp}, {@code web}). */
    void recordLogin(long accountId, String protocol);

    /** When the account last logged in, per protocol. */
    Map<String, Instant> lastLogins(long accountId);

    /** Sets an account's password, checked against the password policy. */
    Account setPassword(String address, String password) throws DirectoryException;

    Account findAccount(String address) throws DirectoryException;

    /** The account a login name (an address, any case) names, if any. */
    Optional<Account> findAccountByLogin(String login);

    /**
     * Sets an account's storage quota (RFC 9208 STORAGE, in octets), or with null gives it the domain's default
     * (else the server's, {@code postilion.quota.default-bytes}).
     */
    Account setQuota(String address, Long bytes) throws DirectoryException;

    /** Removes an account with its mailboxes and messages. */
    void deleteAccount(String address) throws DirectoryException;

    /**
     * Sets the targets of an alias, creating it or replacing its targets.
     *
     * @param address {@code local@domain} of a hosted domain, or {@code @domain} for its catch-all; not an account
     * @param targets addresses here or elsewhere, at least one
     */
    List<Alias> setAlias(String address, List<String> targets) throws DirectoryException;

    /** Like {@link #setAlias}, but refuses an alias that exists. */
    List<Alias> createAlias(String address, List<String> targets) throws DirectoryException;

    /** The alias rows of a domain, or of every domain when {@code domain} is null. */
    List<Alias> listAliases(String domain) throws DirectoryException;

    /** The targets of one alias ({@code @domain} for the catch-all). */
    List<Alias> findAlias(String address) throws DirectoryException;

    /** Like {@link #findAlias}, but empty when there is no such alias instead of a refusal. */
    List<Alias> aliasRows(String address) throws DirectoryException;

    void deleteAlias(String address) throws DirectoryException;

    /**
     * What a recipient address is to this server: accounts, aliases (expanded, through other aliases, at most
     * {@value org.postilion.directory.internal.JpaDirectoryService#MAX_ALIAS_DEPTH} levels), {@code user+tag}
     * as {@code user} (where the domain allows it), a user's forwarding, the domain's catch-all, and
     * {@code postmaster}. Disabled users and domains receive nothing.
     */
    Resolution resolve(String localPart, String domain);

    /**
     * Whether the account may send as {@code address}: its own address (with any {@code +tag}), or an alias
     * (not a catch-all) with the account among its targets.
     */
    boolean mayUseAddress(String accountAddress, String address);
}
