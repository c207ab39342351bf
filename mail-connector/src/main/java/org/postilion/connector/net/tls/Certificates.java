package org.postilion.connector.net.tls;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** What the logs and the self-signed store need to know of a certificate. */
final class Certificates {

    private static final int DNS_NAME = 2;

    private Certificates() {
    }

    /** The DNS names in subjectAltName, lower case; the subject's CN when there are none (as clients once did). */
    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    if (name.get(0) instanceof Integer type && type == DNS_NAME) {
                        names.add(((String) name.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the CN
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (InvalidNameException e) {
                // no names at all
            }
        }
        return names;
    }

    /** Whether a client checking the name as RFC 6125 says would accept it for {@code hostname}. */
    static boolean coversHost(X509Certificate certificate, String hostname) {
        String host = hostname.toLowerCase(Locale.ROOT);
        for (String name : dnsNames(certificate)) {
            if (name.equals(host)) {
                return true;
            }
            int dot = host.indexOf('.');
            if (name.startsWith("*.") && dot > 0 && name.substring(1).equals(host.substring(dot))) {
                return true;
            }
        }
        return false;
    }

    /** SHA-256 of the DER, as {@code openssl x509 -fingerprint -sha256} shows it. */
    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "(unknown)";
        }
    }

    /** One line for the log. */
    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", names " + dnsNames(certificate)
                + ", issued by " + certificate.getIssuerX500Principal().getName()
                + ", valid until " + certificate.getNotAfter().toInstant()
                + ", SHA-256 fingerprint " + fingerprint(certificate);
    }
}
