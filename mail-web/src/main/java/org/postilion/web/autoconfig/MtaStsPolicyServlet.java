package org.postilion.web.autoconfig;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.postilion.connector.spi.Listeners;
import org.postilion.directory.Domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The MTA-STS policy (RFC 8461 section 3.2) of a hosted domain, served where sending servers fetch it:
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}. It names this server as the domain's only MX. The mode
 * is {@code postilion.mta-sts.mode} ({@code testing}, so that a mistake is reported rather than enforced;
 * {@code enforce} once TLS-RPT reports are clean; {@code none} to withdraw), cached by senders for
 * {@code postilion.mta-sts.max-age} seconds (604800, a week). A host name that is not {@code mta-sts.} of an
 * enabled hosted domain answers 404.
 *
 * <p>The policy only counts when served over HTTPS with a certificate valid for {@code mta-sts.<domain>} (see the
 * README's HTTPS section), and with the {@code _mta-sts} TXT record the domain's DNS records list.
 */
@WebServlet("/.well-known/mta-sts.txt")
public class MtaStsPolicyServlet extends HttpServlet {

    static final Set<String> MODES = Set.of("enforce", "testing", "none");
    private static final long serialVersionUID = 1L;

    @Inject
    private HostedDomains domains;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Domain> domain = domains.ofHost(request, "mta-sts");
        if (domain.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no MTA-STS policy for this name");
            return;
        }
        byte[] body = policy(mode(), Listeners.hostname(), maxAge()).getBytes(StandardCharsets.US_ASCII);
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.US_ASCII.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The policy text: key/value lines ended by CRLF. */
    static String policy(String mode, String mx, long maxAge) {
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: " + mx + "\r\nmax_age: " + maxAge + "\r\n";
    }

    static String mode() {
        String mode = System.getProperty("postilion.mta-sts.mode", "testing");
        return MODES.contains(mode) ? mode : "testing";
    }

    static long maxAge() {
        return Long.getLong("postilion.mta-sts.max-age", 604800);
    }
}
