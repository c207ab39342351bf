package org.postilion.web.security;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;

/**
 * The credentials {@link PostilionIdentityStore} validates besides an admin's name and password (Jakarta
 * Security's {@code UsernamePasswordCredential}).
 */
public final class Credentials {

    private Credentials() {
    }

    /** A bearer token from an {@code Authorization} header. */
    public record Token(String token) implements Credential {
        @Override
        public String toString() {
            return "Token[…]";
        }
    }

    /** A mail user's address and password, for the self-service pages. */
    public record MailUser(String address, Password password) implements Credential {
        @Override
        public void clear() {
            password.clear();
        }

        @Override
        public boolean isCleared() {
            return password.getValue() == null;
        }

        @Override
        public String toString() {
            return "MailUser[" + address + "]";
        }
    }

    /** A web session's grant, checked again on each request. */
    public record Session(SessionGrant grant) implements Credential {
    }
}
