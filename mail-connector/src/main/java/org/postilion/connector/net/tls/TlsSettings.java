package org.postilion.connector.net.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the listeners' key material comes from: a PEM chain and key, or a keystore, or, when neither is
 * configured, a self-signed certificate kept in a directory. Make one with {@link #pem}, {@link #keyStore},
 * {@link #selfSigned} or {@link #fromProperties}.
 *
 * @param hostname            the server's DNS name: the self-signed certificate's name; a configured certificate
 *                            that does not cover it is used with a warning
 * @param certificateChain    PEM certificates, the server's first (certbot's {@code fullchain.pem})
 * @param privateKey          PEM private key (certbot's {@code privkey.pem}); may be the same file as the chain
 * @param keyStore            PKCS#12 or JKS file, instead of PEM
 * @param keyStorePassword    the keystore's password, which is also its key's; required with a keystore
 * @param keyStoreAlias       the key's alias; needed only when the keystore holds several keys
 * @param selfSignedDirectory where the self-signed certificate is kept; required when nothing else is configured
 * @param reloadInterval      how often, at most, the configured files are checked for a replacement
 *                            [{@link #RELOAD_INTERVAL}]
 */
public record TlsSettings(String hostname, Optional<Path> certificateChain, Optional<Path> privateKey,
                          Optional<Path> keyStore, Optional<String> keyStorePassword, Optional<String> keyStoreAlias,
                          Optional<Path> selfSignedDirectory, Duration reloadInterval) {

    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);

    /** Property names for {@link #fromProperties}: WildFly system properties, for instance. */
    public static final String CERT = "postilion.tls.cert";
    public static final String KEY = "postilion.tls.key";
    public static final String KEYSTORE = "postilion.tls.keystore";
    public static final String KEYSTORE_PASSWORD = "postilion.tls.keystore-password";
    public static final String KEYSTORE_ALIAS = "postilion.tls.keystore-alias";
    public static final String SELF_SIGNED_DIR = "postilion.tls.self-signed-dir";
    /** Whole seconds. */
    public static final String RELOAD_INTERVAL_SECONDS = "postilion.tls.reload-interval";

    /** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** Which of the three sources of key material the settings name. */
    public enum Source { PEM, KEY_STORE, SELF_SIGNED }

    public TlsSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyStoreAlias, "keyStoreAlias");
        Objects.requireNonNull(selfSignedDirectory, "selfSignedDirectory");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (!HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("not a DNS host name: '" + hostname + "'");
        }
        if (certificateChain.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("a PEM certificate chain and a PEM private key go together: "
                    + CERT + " and " + KEY);
        }
        if (certificateChain.isPresent() && keyStore.isPresent()) {
            throw new IllegalArgumentException("either PEM files or a keystore, not both");
        }
        if (keyStore.isPresent() != keyStorePassword.isPresent()) {
            throw new IllegalArgumentException("a keystore and its password go together: " + KEYSTORE + " and "
                    + KEYSTORE_PASSWORD);
        }
        if (keyStoreAlias.isPresent() && keyStore.isEmpty()) {
            throw new IllegalArgumentException("a keystore alias without a keystore");
        }
        if (certificateChain.isEmpty() && keyStore.isEmpty() && selfSignedDirectory.isEmpty()) {
            throw new IllegalArgumentException("no certificate configured, and no directory for a self-signed one");
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reload interval must be positive: " + reloadInterval);
        }
    }

    public static TlsSettings pem(String hostname, Path certificateChain, Path privateKey) {
        return new TlsSettings(hostname, Optional.of(certificateChain), Optional.of(privateKey), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), RELOAD_INTERVAL);
    }

    /** @param alias the key's alias, or null when the keystore holds one key */
    public static TlsSettings keyStore(String hostname, Path keyStore, String password, String alias) {
        return new TlsSettings(hostname, Optional.empty(), Optional.empty(), Optional.of(keyStore),
                Optional.of(password), Optional.ofNullable(alias), Optional.empty(), RELOAD_INTERVAL);
    }

    public static TlsSettings selfSigned(String hostname, Path directory) {
        return new TlsSettings(hostname, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(directory), RELOAD_INTERVAL);
    }

    /**
     * Reads the {@code postilion.tls.*} properties named by the constants of this class; blank values count as
     * absent.
     *
     * @param property                   looks a property up, such as {@code System::getProperty}
     * @param defaultSelfSignedDirectory used unless {@value #SELF_SIGNED_DIR} is set, such as
     *                                   {@code ${jboss.server.data.dir}/postilion/tls}
     * @throws IllegalArgumentException when the properties do not make sense together
     */
    public static TlsSettings fromProperties(Function<String, String> property, String hostname,
                                             Path defaultSelfSignedDirectory) {
        Optional<String> interval = value(property, RELOAD_INTERVAL_SECONDS);
        Duration reload;
        try {
            reload = interval.map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(RELOAD_INTERVAL);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RELOAD_INTERVAL_SECONDS + " is not a number of seconds: "
                    + interval.get(), e);
        }
        return new TlsSettings(hostname, value(property, CERT).map(Path::of), value(property, KEY).map(Path::of),
                value(property, KEYSTORE).map(Path::of), value(property, KEYSTORE_PASSWORD),
                value(property, KEYSTORE_ALIAS),
                Optional.of(value(property, SELF_SIGNED_DIR).map(Path::of).orElse(defaultSelfSignedDirectory)),
                reload);
    }

    private static Optional<String> value(Function<String, String> property, String name) {
        return Optional.ofNullable(property.apply(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    public TlsSettings withReloadInterval(Duration interval) {
        return new TlsSettings(hostname, certificateChain, privateKey, keyStore, keyStorePassword, keyStoreAlias,
                selfSignedDirectory, interval);
    }

    public Source source() {
        return certificateChain.isPresent() ? Source.PEM : keyStore.isPresent() ? Source.KEY_STORE : Source.SELF_SIGNED;
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "TlsSettings[hostname=" + hostname + ", source=" + source()
                + certificateChain.map(p -> ", certificateChain=" + p).orElse("")
                + privateKey.map(p -> ", privateKey=" + p).orElse("")
                + keyStore.map(p -> ", keyStore=" + p + ", keyStorePassword=***").orElse("")
                + keyStoreAlias.map(a -> ", keyStoreAlias=" + a).orElse("")
                + selfSignedDirectory.map(p -> ", selfSignedDirectory=" + p).orElse("")
                + ", reloadInterval=" + reloadInterval + "]";
    }
}
