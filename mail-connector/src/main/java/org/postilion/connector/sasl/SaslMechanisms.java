package org.postilion.connector.sasl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The SASL mechanisms the server offers, listed once, strongest first. */
public final class SaslMechanisms {

    /** The largest client response, decoded, that a mechanism accepts. */
    public static final int MAX_RESPONSE_OCTETS = SaslInput.MAX_RESPONSE_OCTETS;

    private static final Map<String, Function<SaslCredentials, SaslMechanism>> MECHANISMS = new LinkedHashMap<>();

    static {
        MECHANISMS.put(ScramSha256Mechanism.NAME, ScramSha256Mechanism::new);
        MECHANISMS.put(PlainMechanism.NAME, PlainMechanism::new);
        MECHANISMS.put(LoginMechanism.NAME, LoginMechanism::new);
    }

    /**
     * The names, upper case, in the order they are advertised (the EHLO keyword {@code AUTH}, IMAP's
     * {@code AUTH=} capabilities): {@code SCRAM-SHA-256 PLAIN LOGIN}.
     */
    public static final List<String> ADVERTISED = List.copyOf(MECHANISMS.keySet());

    private SaslMechanisms() {
    }

    /** Whether {@code name} is one of ours, in any case. */
    public static boolean isSupported(String name) {
        return MECHANISMS.containsKey(canonical(name));
    }

    /**
     * A new exchange of the named mechanism (in any case), or empty when there is no such mechanism.
     *
     * @param credentials where the mechanism checks what the client claims
     */
    public static Optional<SaslMechanism> create(String name, SaslCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        Function<SaslCredentials, SaslMechanism> factory = MECHANISMS.get(canonical(name));
        return factory == null ? Optional.empty() : Optional.of(factory.apply(credentials));
    }

    /**
     * The upper-case name, or null when it is not a mechanism name (RFC 4422 section 3.1: at most 20 of
     * {@code A-Z 0-9 - _}). Checked before upper-casing so that no Unicode case rule makes a name of another.
     */
    private static String canonical(String name) {
        if (name == null || name.isEmpty() || name.length() > 20) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return null;
            }
        }
        return name.toUpperCase(Locale.ROOT);
    }
}
