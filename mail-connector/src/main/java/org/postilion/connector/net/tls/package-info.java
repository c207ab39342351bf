/**
 * TLS for the mail listeners: the server's key material and the Netty {@link io.netty.handler.ssl.SslContext}
 * built from it, shared by SMTP STARTTLS (25, 587), implicit TLS (465, 993, 995) and IMAP/POP3 STARTTLS.
 * {@link org.postilion.connector.net.tls.TlsContextProvider#create} reads what
 * {@link org.postilion.connector.net.tls.TlsSettings} names, one of (naming two is a configuration error):
 * <ol>
 *   <li>a PEM certificate chain and private key, as certbot writes them ({@code fullchain.pem},
 *       {@code privkey.pem}): PKCS#8 keys ({@code BEGIN PRIVATE KEY}, RSA, EC, Ed25519), and also PKCS#1
 *       ({@code BEGIN RSA PRIVATE KEY}) and SEC 1 ({@code BEGIN EC PRIVATE KEY}), read without BouncyCastle;
 *       encrypted keys are refused ({@code openssl pkey -in KEY.pem -out privkey.pem} decrypts one);</li>
 *   <li>a PKCS#12 or JKS keystore, with its password and, when it holds several keys, an alias;</li>
 *   <li>nothing: a self-signed certificate for the host name (EC P-256, subjectAltName DNS, ten years), made at
 *       first start with Elytron and kept in a directory, so that restarts present the same certificate (see
 *       {@code SelfSignedStore}). Elytron rather than BouncyCastle: WildFly exports its certificate builder in
 *       the public module {@code org.wildfly.security.elytron}, and only this one class uses it.</li>
 * </ol>
 * Replaced files are noticed without a redeployment: see {@link org.postilion.connector.net.tls.TlsContextProvider}.
 * {@link org.postilion.connector.net.tls.TlsTrace} words the protocol and cipher of a connection for
 * {@code Received:}.
 *
 * <p>SECURITY: TLS 1.3 and 1.2 only, on the JDK's provider (no native code); for TLS 1.2 only ECDHE key exchange
 * with AES-GCM or ChaCha20-Poly1305, so every connection is forward secret and authenticated-encrypted; the
 * JDK's own restrictions ({@code jdk.tls.disabledAlgorithms}) still apply on top. No client certificates are
 * asked for. A key that does not belong to its certificate is refused before any client sees it. At first start
 * unusable material is an error ({@link org.postilion.connector.net.tls.TlsConfigurationException}) and no
 * listener starts: the server never falls back to clear text or to the self-signed certificate. Later, a bad
 * replacement is logged at WARNING and the previous certificate stays in use. Private keys are never logged;
 * the keystore password is not shown by {@code TlsSettings.toString()}; a world-readable PEM key is warned
 * about; the self-signed key is written owner-only. STARTTLS callers must throw away whatever the client sent
 * after the STARTTLS command and before the handshake (CVE-2011-0411, RFC 3207 section 4.2).
 *
 * <p>STANDARDS: RFC 8446 (TLS 1.3), RFC 5246 (TLS 1.2), RFC 8996 (TLS 1.0 and 1.1 deprecated), RFC 7568 (SSL 3
 * deprecated), RFC 9325 (formerly RFC 7525: recommendations for secure use of TLS), RFC 8314 (implicit TLS for
 * submission and access, ports 465, 993, 995), RFC 3207 (SMTP STARTTLS), RFC 2595 (IMAP and POP3 STARTTLS),
 * RFC 7468 (PEM), RFC 5208/5958 (PKCS#8), RFC 8017 (PKCS#1), RFC 5915 (SEC 1 EC keys), RFC 5280 (certificates),
 * RFC 6125 (server names in certificates).
 *
 * <p>LIMITS and defaults (see {@link org.postilion.connector.net.tls.TlsSettings}):
 * <ul>
 *   <li>protocols: TLSv1.3, TLSv1.2</li>
 *   <li>cipher suites: the JDK's defaults, keeping TLS 1.3's and {@code TLS_ECDHE_*_WITH_*_GCM_*} /
 *       {@code *_CHACHA20_POLY1305_*}, in the JDK's order</li>
 *   <li>reload check: at most every 10 s [{@code postilion.tls.reload-interval}]; the self-signed certificate is
 *       not watched</li>
 *   <li>self-signed certificate: EC P-256, valid 3650 days from a day ago, replaced at start when it expires
 *       within 30 days or names another host</li>
 * </ul>
 */
package org.postilion.connector.net.tls;
