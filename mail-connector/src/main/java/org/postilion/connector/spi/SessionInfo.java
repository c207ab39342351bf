package org.postilion.connector.spi;

/**
 * What is known of the client's connection when it asks for something.
 *
 * @param serverName        the name the server gives itself in greetings (its host name); {@code postmaster} at
 *                          this name is the server's postmaster
 * @param listener          the listener's name, such as {@code smtp} (MX) or {@code submission}
 * @param submission        whether the listener is a message submission service (RFC 6409: ports 587 and 465),
 *                          where clients must authenticate and may only send as themselves
 * @param clientAddress     the client's IP address, textual
 * @param heloName          the name the client gave in HELO/EHLO, or null before it did
 * @param tls               the TLS protocol and cipher suite ({@code using TLSv1.3 with cipher ...}), or null on
 *                          a clear-text connection
 * @param authenticatedUser the user the client authenticated as, or null
 */
public record SessionInfo(String serverName, String listener, boolean submission, String clientAddress,
                          String heloName, String tls, String authenticatedUser) {

    public boolean isAuthenticated() {
        return authenticatedUser != null;
    }
}
