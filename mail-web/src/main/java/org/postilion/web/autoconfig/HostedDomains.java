package org.postilion.web.autoconfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Which hosted domain a client's configuration request is about: the domain of the address it names
 * ({@code emailaddress=...}), else the name it was sent to ({@code autoconfig.example.com},
 * {@code mta-sts.example.com}). A domain that is not hosted here, or is disabled, gets nothing: never another
 * domain's settings.
 */
@ApplicationScoped
public class HostedDomains {

    @Inject
    private DirectoryService directory;

    /** The enabled hosted domain of an address, if any. */
    public Optional<Domain> ofAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? Optional.empty() : named(address.substring(at + 1));
    }

    /** The enabled hosted domain the request's host name is a subdomain of, after the given label. */
    public Optional<Domain> ofHost(HttpServletRequest request, String label) {
        String host = request.getServerName();
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith(label + ".") ? named(h.substring(label.length() + 1)) : Optional.empty();
    }

    /** The enabled hosted domain of that name (either form), if any. */
    public Optional<Domain> named(String name) {
        try {
            Domain d = directory.findDomain(name);
            return d.isEnabled() ? Optional.of(d) : Optional.empty();
        } catch (DirectoryException notHosted) {
            return Optional.empty();
        }
    }
}
