package org.postilion.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.TestServer;
import org.postilion.it.support.Tools;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client autoconfiguration over real HTTP, checked against what each client reads: Thunderbird's config-v1.1
 * fields (element names, the socketType and authentication values Thunderbird knows), Outlook's POX autodiscover
 * answer (namespaces, Protocol elements), an Apple profile read back by Python's plistlib, and the MTA-STS policy
 * (RFC 8461 section 3.2). The test server is {@code mx.test} with its IT ports; unknown domains get 404, never
 * someone else's settings. Host-named endpoints are reached with curl's {@code --resolve}.
 */
@ExtendWith(ArquillianExtension.class)
class AutoconfigIT {

    /** What Thunderbird's account wizard accepts (its config-v1.1 format). */
    private static final Set<String> SOCKET_TYPES = Set.of("plain", "SSL", "STARTTLS");
    private static final Set<String> AUTHENTICATIONS = Set.of("password-cleartext", "password-encrypted", "NTLM",
            "GSSAPI", "client-IP-address", "TLS-client-cert", "OAuth2", "none");

    private static final AdminClient ADMIN = new AdminClient();
    private static String domain;

    @BeforeAll
    static void aDomain() {
        domain = TestServer.uniqueDomain("autoconfig");
        ADMIN.createDomain(domain);
    }

    @Test
    void thunderbirdFindsImapAndSubmissionImplicitTlsFirst() throws Exception {
        for (String path : List.of("/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml")) {
            String xml = curl("GET", "http://" + TestServer.HOST + ":" + TestServer.httpPort() + path
                    + "?emailaddress=anna%40" + domain, null, null);
            Element provider = (Element) parse(xml).getDocumentElement().getElementsByTagName("emailProvider").item(0);
            assertEquals("clientConfig", provider.getParentNode().getNodeName());
            assertEquals("1.1", ((Element) provider.getParentNode()).getAttribute("version"));
            assertEquals(domain, provider.getAttribute("id"));
            assertEquals(domain, text(provider, "domain"));
            List<String> incoming = servers(provider, "incomingServer", "imap");
            assertEquals(List.of("mx.test:" + TestServer.imapsPort() + ":SSL", "mx.test:" + TestServer.imapPort() + ":STARTTLS"),
                    incoming);
            assertEquals(List.of("mx.test:" + TestServer.submissionsPort() + ":SSL",
                    "mx.test:" + TestServer.submissionPort() + ":STARTTLS"), servers(provider, "outgoingServer", "smtp"));
        }
        String byHost = curl("GET", "http://autoconfig." + domain + ":" + TestServer.httpPort()
                + "/mail/config-v1.1.xml", null, "autoconfig." + domain);
        assertTrue(byHost.contains("<domain>" + domain + "</domain>"), "the domain from the host name: " + byHost);
    }

    @Test
    void unknownDomainsGetNothing() throws Exception {
        String base = "http://" + TestServer.HOST + ":" + TestServer.httpPort();
        assertEquals("404", status("GET", base + "/mail/config-v1.1.xml?emailaddress=a%40not-hosted.test", null));
        assertEquals("404", status("GET", base + "/mail/config-v1.1.xml?emailaddress=no-at-sign", null));
        assertEquals("404", status("GET", base + "/apple/mail.mobileconfig?emailaddress=a%40not-hosted.test", null));
        assertEquals("404", status("POST", base + "/autodiscover/autodiscover.xml", request("a@not-hosted.test")));
        assertEquals("404", status("GET", "http://mta-sts.not-hosted.test:" + TestServer.httpPort()
                + "/.well-known/mta-sts.txt", null, "mta-sts.not-hosted.test"));
    }

    @Test
    void outlookAutodiscoverAnswersImapAndSmtpOverTls() throws Exception {
        String xml = curl("POST", "http://" + TestServer.HOST + ":" + TestServer.httpPort()
                + "/autodiscover/autodiscover.xml", request("anna@" + domain), null);
        Document d = parse(xml);
        Element root = d.getDocumentElement();
        assertEquals("Autodiscover", root.getLocalName());
        assertEquals("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006", root.getNamespaceURI());
        Element response = (Element) root.getElementsByTagNameNS("*", "Response").item(0);
        assertEquals("http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a",
                response.getNamespaceURI());
        NodeList protocols = response.getElementsByTagNameNS("*", "Protocol");
        assertEquals(2, protocols.getLength());
        Element imap = (Element) protocols.item(0);
        assertEquals("IMAP", text(imap, "Type"));
        assertEquals("mx.test", text(imap, "Server"));
        assertEquals(String.valueOf(TestServer.imapsPort()), text(imap, "Port"));
        assertEquals("on", text(imap, "SSL"));
        assertEquals("anna@" + domain, text(imap, "LoginName"));
        Element smtp = (Element) protocols.item(1);
        assertEquals("SMTP", text(smtp, "Type"));
        assertEquals(String.valueOf(TestServer.submissionsPort()), text(smtp, "Port"));
        assertEquals("email", text(response, "AccountType"));
        assertEquals("settings", text(response, "Action"));
    }

    /** The classic XXE: a DOCTYPE with an external entity in the address is refused, and nothing is read. */
    @Test
    void autodiscoverReadsNoExternalEntitiesAndNoHugeBodies() throws Exception {
        String base = "http://" + TestServer.HOST + ":" + TestServer.httpPort() + "/autodiscover/autodiscover.xml";
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">"
                + "<Request><EMailAddress>&x;@" + domain + "</EMailAddress></Request></Autodiscover>";
        assertEquals("400", status("POST", base, xxe));
        assertEquals("400", status("POST", base, "not xml at all"));
        assertEquals("400", status("POST", base, "<Autodiscover/>"));
        assertEquals("413", status("POST", base, "<a>" + "x".repeat(20000) + "</a>"));
    }

    /** Read back by Python's plistlib, an independent reader of Apple's property lists. */
    @Test
    void appleProfileIsAPropertyListMailReads() throws Exception {
        Path profile = Files.createTempFile("profile", ".mobileconfig");
        try {
            String headers = Tools.succeed("curl", "-s", "-D", "-", "-o", profile.toString(), "http://" + TestServer.HOST
                    + ":" + TestServer.httpPort() + "/apple/mail.mobileconfig?emailaddress=anna%40" + domain);
            assertTrue(headers.toLowerCase().contains("content-type: application/x-apple-aspen-config"), headers);
            String read = Tools.succeed("python3", "-c", String.join("\n",
                    "import plistlib, sys",
                    "p = plistlib.load(open(sys.argv[1], 'rb'))",
                    "a = p['PayloadContent'][0]",
                    "print(p['PayloadType'], a['PayloadType'], a['EmailAccountType'], a['EmailAddress'])",
                    "print(a['IncomingMailServerHostName'], a['IncomingMailServerPortNumber'], a['IncomingMailServerUseSSL'])",
                    "print(a['OutgoingMailServerHostName'], a['OutgoingMailServerPortNumber'], a['OutgoingMailServerUseSSL'])",
                    "print(a['IncomingMailServerUsername'], len(p['PayloadUUID']), 'IncomingPassword' in a)"),
                    profile.toString());
            assertEquals(List.of(
                    "Configuration com.apple.mail.managed EmailTypeIMAP anna@" + domain,
                    "mx.test " + TestServer.imapsPort() + " True",
                    "mx.test " + TestServer.submissionsPort() + " True",
                    "anna@" + domain + " 36 False"), read.lines().toList());
        } finally {
            Files.deleteIfExists(profile);
        }
    }

    @Test
    void mtaStsPolicyNamesThisServerAsTheMx() throws Exception {
        String host = "mta-sts." + domain;
        String policy = curl("GET", "http://" + host + ":" + TestServer.httpPort() + "/.well-known/mta-sts.txt", null, host);
        assertEquals("version: STSv1\r\nmode: testing\r\nmx: mx.test\r\nmax_age: 604800\r\n", policy);
    }

    private static String request(String address) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover "
                + "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request>"
                + "<EMailAddress>" + address + "</EMailAddress><AcceptableResponseSchema>"
                + "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
                + "</AcceptableResponseSchema></Request></Autodiscover>";
    }

    /** Each server of the type as host:port:socketType, checking the fields Thunderbird requires. */
    private static List<String> servers(Element provider, String element, String type) {
        List<String> found = new ArrayList<>();
        NodeList list = provider.getElementsByTagName(element);
        for (int i = 0; i < list.getLength(); i++) {
            Element s = (Element) list.item(i);
            assertEquals(type, s.getAttribute("type"));
            assertTrue(SOCKET_TYPES.contains(text(s, "socketType")), text(s, "socketType"));
            assertTrue(AUTHENTICATIONS.contains(text(s, "authentication")), text(s, "authentication"));
            assertEquals("%EMAILADDRESS%", text(s, "username"));
            assertTrue(Integer.parseInt(text(s, "port")) > 0);
            found.add(text(s, "hostname") + ":" + text(s, "port") + ":" + text(s, "socketType"));
        }
        return found;
    }

    private static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagNameNS("*", name);
        if (l.getLength() == 0) {
            l = parent.getElementsByTagName(name);
        }
        assertFalse(l.getLength() == 0, "no <" + name + "> in <" + parent.getNodeName() + ">");
        return l.item(0).getTextContent().strip();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String status(String method, String url, String body) throws Exception {
        return status(method, url, body, null);
    }

    private static String status(String method, String url, String body, String resolve) throws Exception {
        List<String> c = command(method, url, body, resolve);
        c.addAll(1, List.of("-o", "/dev/null", "-w", "%{http_code}"));
        return run(c);
    }

    private static String curl(String method, String url, String body, String resolve) throws Exception {
        List<String> c = command(method, url, body, resolve);
        c.add(1, "-f");
        return run(c);
    }

    private static List<String> command(String method, String url, String body, String resolve) {
        List<String> c = new ArrayList<>(List.of("curl", "-s", "-X", method));
        if (resolve != null) {
            c.addAll(List.of("--resolve", resolve + ":" + TestServer.httpPort() + ":" + TestServer.HOST));
        }
        if (body != null) {
            c.addAll(List.of("-H", "Content-Type: text/xml", "--data-binary", body));
        }
        c.add(url);
        return c;
    }

    private static String run(List<String> command) throws Exception {
        Tools.Run r = Tools.run(Duration.ofSeconds(30), Map.of(), command);
        assertEquals(0, r.exitCode(), String.join(" ", command) + "\n" + r.output());
        return r.output();
    }
}
