package org.postilion.connector.sasl;

import org.postilion.connector.spi.AuthVerdict;

import java.util.concurrent.CompletionStage;

/**
 * Where the mechanisms check what a client claims: the password (PLAIN, LOGIN) or the stored SCRAM keys
 * (SCRAM-SHA-256). In the server the answers come from the EJB tier on other threads, hence the stages.
 *
 * <p>User names are passed as the client typed them after SASLprep (see {@link SaslPrep}); implementations
 * compare them case-insensitively and answer with the canonical name. Passwords are passed after SASLprep
 * too, so whoever stores a password must prepare it the same way.
 *
 * <p>A stage that completes exceptionally, a {@code null} stage or verdict, or a verdict of the wrong kind
 * is treated as {@link AuthVerdict.TryLater}: the client is told to try again later, never that it is wrong.
 */
public interface SaslCredentials {

    /**
     * For PLAIN and LOGIN: {@link AuthVerdict.Authenticated} with the canonical name, {@link AuthVerdict.Denied}
     * or {@link AuthVerdict.TryLater}.
     */
    CompletionStage<AuthVerdict> verifyPassword(String user, String password);

    /**
     * For SCRAM-SHA-256: {@link AuthVerdict.Scram} with the stored keys, {@link AuthVerdict.Denied} when there is
     * no such user or it has no SCRAM keys, or {@link AuthVerdict.TryLater}.
     */
    CompletionStage<AuthVerdict> scramCredentials(String user);
}
