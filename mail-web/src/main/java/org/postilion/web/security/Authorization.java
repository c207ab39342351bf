package org.postilion.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.MailNames;

import java.util.Set;

/**
 * The request's {@link Caller} and what it may touch, for the resources: a server admin every domain, a domain
 * admin only the domains granted. Another domain's resources do not exist for a domain admin: they are answered
 * {@code 404} with the same words as a domain that does not exist, so a domain admin cannot learn which other
 * domains are hosted here.
 */
@RequestScoped
public class Authorization {

    @Inject
    private HttpServletRequest request;

    /** The caller; the access filter has made sure there is one before any non-public resource method runs. */
    public Caller caller() {
        Caller c = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (c == null) {
            throw new IllegalStateException("no authenticated caller for " + request.getRequestURI());
        }
        return c;
    }

    /** The domains the caller may see, or null for all of them (a server admin). */
    public Set<String> visibleDomains() {
        Caller c = caller();
        return c.isServerAdmin() ? null : c.admin() != null ? c.admin().domains() : Set.of();
    }

    /**
     * Refuses a domain the caller may not manage, as if it did not exist.
     *
     * @param domain a domain name as the client gave it (any case, maybe a trailing dot, maybe a U-label)
     */
    public void requireDomain(String domain) throws DirectoryException {
        Caller c = caller();
        if (c.isServerAdmin()) {
            return;
        }
        String d;
        try {
            d = MailNames.domain(domain);
        } catch (DirectoryException notAName) {
            throw DirectoryException.notFound("no domain " + domain);
        }
        if (c.admin() == null || !c.admin().mayManage(d)) {
            throw DirectoryException.notFound("no domain " + d);
        }
    }

    /** Refuses an address (or {@code @domain}) whose domain the caller may not manage. */
    public void requireDomainOf(String address) throws DirectoryException {
        if (address == null) {
            throw DirectoryException.invalid("an address is required");
        }
        int at = address.lastIndexOf('@');
        requireDomain(at < 0 ? "" : address.substring(at + 1));
    }
}
