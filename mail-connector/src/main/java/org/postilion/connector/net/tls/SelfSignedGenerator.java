package org.postilion.connector.net.tls;

import org.wildfly.security.x500.GeneralName;
import org.wildfly.security.x500.cert.BasicConstraintsExtension;
import org.wildfly.security.x500.cert.ExtendedKeyUsageExtension;
import org.wildfly.security.x500.cert.KeyUsage;
import org.wildfly.security.x500.cert.KeyUsageExtension;
import org.wildfly.security.x500.cert.SelfSignedX509CertificateAndSigningKey;
import org.wildfly.security.x500.cert.SubjectAlternativeNamesExtension;

import javax.security.auth.x500.X500Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Makes a new key and a self-signed certificate for one host name. The only class of this package that uses
 * Elytron (module {@code org.wildfly.security.elytron}), so that configured certificates never load it.
 *
 * <p>EC P-256 with ECDSA/SHA-256: every TLS 1.2 and 1.3 client has it, and it is made in milliseconds where an
 * RSA key can take a second. The certificate says what a server certificate says (RFC 5280 section 4.2):
 * subjectAltName DNS = the host name (clients ignore the CN, RFC 6125), digitalSignature only, serverAuth, not
 * a CA. Its serial number is random (64 bits, Elytron's).
 */
final class SelfSignedGenerator {

    /** About ten years. */
    static final Duration VALIDITY = Duration.ofDays(3650);
    /** Valid from a day back, for clients whose clocks are behind. */
    static final Duration BACKDATE = Duration.ofDays(1);

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private SelfSignedGenerator() {
    }

    static KeyMaterial generate(String hostname, Instant now) {
        SelfSignedX509CertificateAndSigningKey generated = SelfSignedX509CertificateAndSigningKey.builder()
                .setDn(new X500Principal("CN=" + hostname))
                .setKeyAlgorithmName("EC")
                .setKeySize(256)
                .setSignatureAlgorithmName("SHA256withECDSA")
                .setNotValidBefore(now.minus(BACKDATE).atZone(ZoneOffset.UTC))
                .setNotValidAfter(now.plus(VALIDITY).atZone(ZoneOffset.UTC))
                .addExtension(new SubjectAlternativeNamesExtension(false, List.of(new GeneralName.DNSName(hostname))))
                .addExtension(new KeyUsageExtension(true, KeyUsage.digitalSignature))
                .addExtension(new ExtendedKeyUsageExtension(false, List.of(SERVER_AUTH)))
                .addExtension(new BasicConstraintsExtension(false, false, -1))
                .build();
        return new KeyMaterial(generated.getSigningKey(), List.of(generated.getSelfSignedCertificate()),
                "self-signed certificate for " + hostname);
    }
}
