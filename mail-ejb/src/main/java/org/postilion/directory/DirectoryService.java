package org.postilion.directory;

import java.util.List;

/** Administration of domains and accounts, and the resolution of addresses. */
public interface DirectoryService {

    /** Adds a hosted domain; its name is validated and lower-cased. */
    Domain createDomain(String name) throws DirectoryException;

    List<Domain> listDomains();

    /** Removes a domain that has no accounts left. */
    void deleteDomain(String name) throws DirectoryException;

    /**
     * Adds an account to a hosted domain, with its password hashed, and its INBOX.
     *
     * @param address  {@code local-part@domain}
     * @param password the clear-text password, at least 8 characters
     */
    Account createAccount(String address, String password) throws DirectoryException;

    List<Account> listAccounts(String domain) throws DirectoryException;

    Account findAccount(String address) throws DirectoryException;

    /** Removes an account with its mailboxes and messages. */
    void deleteAccount(String address) throws DirectoryException;

    /** What a recipient address is to this server. */
    Resolution resolve(String localPart, String domain);
}
