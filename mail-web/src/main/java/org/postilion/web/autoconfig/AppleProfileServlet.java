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
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * An Apple configuration profile ({@code .mobileconfig}) with one mail account for an address of a hosted
 * domain, for iOS and macOS Mail: IMAP and submission over TLS, the address as user name, no password in it (Mail
 * asks). Its identifiers are derived from the address, so installing it again replaces the account instead of
 * adding a second one. Unsigned: the device says so when it is installed. {@code GET
 * /apple/mail.mobileconfig?emailaddress=...}; an unknown domain answers 404.
 */
@WebServlet("/apple/mail.mobileconfig")
public class AppleProfileServlet extends HttpServlet {

    static final String CONTENT_TYPE = "application/x-apple-aspen-config";
    private static final String DOCTYPE = "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
            + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">";
    private static final long serialVersionUID = 1L;

    @Inject
    private HostedDomains domains;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String address = request.getParameter("emailaddress");
        Optional<Domain> domain = domains.ofAddress(address);
        if (domain.isEmpty() || address.length() > 320) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such domain here");
            return;
        }
        ClientSettings s = ClientSettings.fromSystemProperties();
        boolean imaps = s.imapsPort() >= 0;
        boolean submissions = s.submissionsPort() >= 0;
        String id = reverse(s.hostname()) + ".mail." + address.toLowerCase(Locale.ROOT);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + domain.get().getName() + ".mobileconfig\"");
        Xml.write(response, CONTENT_TYPE, DOCTYPE, w -> {
            w.writeStartElement("plist");
            w.writeAttribute("version", "1.0");
            w.writeStartElement("dict");
            string(w, "PayloadType", "Configuration");
            integer(w, "PayloadVersion", 1);
            string(w, "PayloadIdentifier", id);
            string(w, "PayloadUUID", uuid("profile:" + id));
            string(w, "PayloadDisplayName", "Mail: " + address);
            string(w, "PayloadDescription", "The mail account " + address + " at " + s.hostname());
            key(w, "PayloadContent");
            w.writeStartElement("array");
            w.writeStartElement("dict");
            string(w, "PayloadType", "com.apple.mail.managed");
            integer(w, "PayloadVersion", 1);
            string(w, "PayloadIdentifier", id + ".account");
            string(w, "PayloadUUID", uuid("account:" + id));
            string(w, "PayloadDisplayName", address);
            string(w, "EmailAccountDescription", domain.get().getDisplayName());
            string(w, "EmailAccountType", "EmailTypeIMAP");
            string(w, "EmailAddress", address);
            string(w, "IncomingMailServerHostName", s.hostname());
            integer(w, "IncomingMailServerPortNumber", imaps ? s.imapsPort() : s.imapPort());
            bool(w, "IncomingMailServerUseSSL", true);
            string(w, "IncomingMailServerAuthentication", "EmailAuthPassword");
            string(w, "IncomingMailServerUsername", address);
            string(w, "OutgoingMailServerHostName", s.hostname());
            integer(w, "OutgoingMailServerPortNumber", submissions ? s.submissionsPort() : s.submissionPort());
            bool(w, "OutgoingMailServerUseSSL", true);
            string(w, "OutgoingMailServerAuthentication", "EmailAuthPassword");
            string(w, "OutgoingMailServerUsername", address);
            bool(w, "OutgoingPasswordSameAsIncomingPassword", true);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void key(XMLStreamWriter w, String key) throws XMLStreamException {
        Xml.element(w, "key", key);
    }

    private static void string(XMLStreamWriter w, String key, String value) throws XMLStreamException {
        key(w, key);
        Xml.element(w, "string", value);
    }

    private static void integer(XMLStreamWriter w, String key, int value) throws XMLStreamException {
        key(w, key);
        Xml.element(w, "integer", String.valueOf(value));
    }

    private static void bool(XMLStreamWriter w, String key, boolean value) throws XMLStreamException {
        key(w, key);
        w.writeEmptyElement(value ? "true" : "false");
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
    }

    /** {@code mx.example.com} as {@code com.example.mx}, the identifier style profiles use. */
    private static String reverse(String hostname) {
        String[] labels = hostname.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            b.append(labels[i]).append(i > 0 ? "." : "");
        }
        return b.toString();
    }
}
