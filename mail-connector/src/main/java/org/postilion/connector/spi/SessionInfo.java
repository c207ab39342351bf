package org.postilion.connector.spi;

/**
 * What is known of the client's connection when it asks for something.
 *
 * @param listener          the listener's name, such as {@code smtp} (MX) or {@code submission}
 * @param clientAddress     the client's IP address, textual
 * @param heloName          the name the client gave in HELO/EHLO, or null before it did
 * @param tls               the TLS protocol and cipher suite, or null on a clear-text connection
 * @param authenticatedUser the user the client authenticated as, or null
 */
public record SessionInfo(String listener, String clientAddress, String heloName, String tls,
                          String authenticatedUser) {

    public boolean isAuthenticated() {
        return authenticatedUser != null;
    }
}
