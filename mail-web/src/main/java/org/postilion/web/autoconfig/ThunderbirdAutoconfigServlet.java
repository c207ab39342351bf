package org.postilion.web.autoconfig;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.postilion.directory.Domain;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.util.Optional;

/**
 * Thunderbird's autoconfiguration (its "config-v1.1" format, as Thunderbird reads it from
 * {@code https://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=...} or
 * {@code https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml}): the IMAP and submission servers of a
 * hosted domain, implicit TLS first (RFC 8314), then STARTTLS; the user name is the whole address. An unknown
 * domain answers 404.
 */
@WebServlet({"/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml"})
public class ThunderbirdAutoconfigServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private HostedDomains domains;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Domain> domain = request.getParameter("emailaddress") != null
                ? domains.ofAddress(request.getParameter("emailaddress"))
                : domains.ofHost(request, "autoconfig").or(() -> domains.named(request.getServerName()));
        if (domain.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such domain here");
            return;
        }
        ClientSettings s = ClientSettings.fromSystemProperties();
        Domain d = domain.get();
        Xml.write(response, "application/xml", w -> {
            w.writeStartElement("clientConfig");
            w.writeAttribute("version", "1.1");
            w.writeStartElement("emailProvider");
            w.writeAttribute("id", d.getName());
            Xml.element(w, "domain", d.getName());
            Xml.element(w, "displayName", d.getDisplayName() + " mail");
            Xml.element(w, "displayShortName", d.getDisplayName());
            server(w, "incomingServer", "imap", s.hostname(), s.imapsPort(), "SSL");
            server(w, "incomingServer", "imap", s.hostname(), s.imapPort(), "STARTTLS");
            server(w, "outgoingServer", "smtp", s.hostname(), s.submissionsPort(), "SSL");
            server(w, "outgoingServer", "smtp", s.hostname(), s.submissionPort(), "STARTTLS");
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void server(XMLStreamWriter w, String element, String type, String host, int port, String socket)
            throws XMLStreamException {
        if (port < 0) {
            return;
        }
        w.writeStartElement(element);
        w.writeAttribute("type", type);
        Xml.element(w, "hostname", host);
        Xml.element(w, "port", String.valueOf(port));
        Xml.element(w, "socketType", socket);
        Xml.element(w, "authentication", "password-cleartext");
        Xml.element(w, "username", "%EMAILADDRESS%");
        w.writeEndElement();
    }
}
