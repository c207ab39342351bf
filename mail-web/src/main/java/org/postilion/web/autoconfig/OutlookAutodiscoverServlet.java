package org.postilion.web.autoconfig;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.postilion.directory.Domain;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Outlook's "plain old XML" autodiscover: Outlook POSTs its request ({@code <EMailAddress>} in the
 * {@code outlook/requestschema/2006} namespace) to {@code https://autodiscover.<domain>/autodiscover/autodiscover.xml}
 * and reads an {@code outlook/responseschema/2006a} answer with the IMAP and SMTP servers, implicit TLS preferred.
 * An unknown domain, or a request that is not the expected XML, is refused.
 *
 * <p>SECURITY: the request is parsed without DTDs or external entities (no XXE); at most {@value #MAX_REQUEST}
 * octets of it are read.
 */
@WebServlet({"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"})
public class OutlookAutodiscoverServlet extends HttpServlet {

    static final int MAX_REQUEST = 16384;
    static final String RESPONSE = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    static final String OUTLOOK_RESPONSE = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    private static final long serialVersionUID = 1L;

    @Inject
    private HostedDomains domains;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_REQUEST + 1);
        }
        if (body.length > MAX_REQUEST) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request too large");
            return;
        }
        String address = emailAddress(body);
        if (address == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "an autodiscover request with an EMailAddress is expected");
            return;
        }
        Optional<Domain> domain = domains.ofAddress(address);
        if (domain.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such domain here");
            return;
        }
        ClientSettings s = ClientSettings.fromSystemProperties();
        Xml.write(response, "application/xml", w -> {
            w.setDefaultNamespace(RESPONSE);
            w.writeStartElement(RESPONSE, "Autodiscover");
            w.writeDefaultNamespace(RESPONSE);
            w.setDefaultNamespace(OUTLOOK_RESPONSE);
            w.writeStartElement(OUTLOOK_RESPONSE, "Response");
            w.writeDefaultNamespace(OUTLOOK_RESPONSE);
            w.writeStartElement(OUTLOOK_RESPONSE, "Account");
            Xml.element(w, "AccountType", "email");
            Xml.element(w, "Action", "settings");
            if (s.imapsPort() >= 0) {
                protocol(w, "IMAP", s.hostname(), s.imapsPort(), "SSL", address);
            } else if (s.imapPort() >= 0) {
                protocol(w, "IMAP", s.hostname(), s.imapPort(), "TLS", address);
            }
            if (s.submissionsPort() >= 0) {
                protocol(w, "SMTP", s.hostname(), s.submissionsPort(), "SSL", address);
            } else if (s.submissionPort() >= 0) {
                protocol(w, "SMTP", s.hostname(), s.submissionPort(), "TLS", address);
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void protocol(XMLStreamWriter w, String type, String host, int port, String encryption,
                                 String address) throws XMLStreamException {
        w.writeStartElement(OUTLOOK_RESPONSE, "Protocol");
        Xml.element(w, "Type", type);
        Xml.element(w, "Server", host);
        Xml.element(w, "Port", String.valueOf(port));
        Xml.element(w, "DomainRequired", "off");
        Xml.element(w, "LoginName", address);
        Xml.element(w, "SPA", "off");
        Xml.element(w, "SSL", "on");
        Xml.element(w, "Encryption", encryption);
        Xml.element(w, "AuthRequired", "on");
        if (type.equals("SMTP")) {
            Xml.element(w, "UsePOPAuth", "on");
        }
        w.writeEndElement();
    }

    /** The request's {@code EMailAddress}, or null when the body is not such a request. */
    static String emailAddress(byte[] body) {
        try {
            XMLStreamReader r = Xml.safeInput().createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("EMailAddress")) {
                        String text = r.getElementText().strip();
                        return text.isEmpty() || text.length() > 320 ? null : text;
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException malformed) {
            return null;
        }
        return null;
    }
}
