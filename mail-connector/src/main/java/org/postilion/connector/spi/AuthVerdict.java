package org.postilion.connector.spi;

/** The answer to a password check or a credential lookup. */
public sealed interface AuthVerdict permits AuthVerdict.Authenticated, AuthVerdict.Scram, AuthVerdict.Denied,
        AuthVerdict.TryLater {

    AuthVerdict DENIED = new Denied();

    /** The password is right; {@code user} is the canonical name to record (the address, lower case). */
    record Authenticated(String user) implements AuthVerdict {
    }

    /** The user's SCRAM-SHA-256 credentials, for a SCRAM exchange run by the connector. */
    record Scram(String user, ScramCredentials credentials) implements AuthVerdict {
    }

    /**
     * No such user, a wrong password, or a disabled account: deliberately one answer, so that a client cannot
     * tell them apart.
     */
    record Denied() implements AuthVerdict {
    }

    /** The directory cannot answer now. */
    record TryLater(String detail) implements AuthVerdict {
    }
}
