package org.postilion.connector.spi;

/**
 * Checks credentials for the protocols' SASL mechanisms. User names are what the client typed (an address);
 * implementations compare them case-insensitively and answer with the canonical name.
 */
public interface AuthenticationListener {

    /** For PLAIN and LOGIN: {@link AuthVerdict.Authenticated}, {@link AuthVerdict.Denied} or {@link AuthVerdict.TryLater}. */
    AuthVerdict verifyPassword(String user, String password, SessionInfo session);

    /**
     * For SCRAM-SHA-256: {@link AuthVerdict.Scram} with the stored credentials, {@link AuthVerdict.Denied} when
     * the user has none, or {@link AuthVerdict.TryLater}.
     */
    AuthVerdict scramCredentials(String user, SessionInfo session);
}
