package org.postilion.directory;

import java.util.List;
import java.util.Set;

/**
 * Which accounts to list, by address.
 *
 * @param domains only accounts of these domains (a domain admin's view, or one domain); null for every domain
 * @param text    only accounts whose address or display name contains this text, in any case; null for all
 * @param offset  accounts to skip
 * @param limit   accounts to return at most
 */
public record AccountQuery(Set<String> domains, String text, int offset, int limit) {

    /**
     * A page of accounts.
     *
     * @param accounts the accounts of the page
     * @param total    how many accounts match in all
     */
    public record Page(List<Account> accounts, long total) {
    }
}
