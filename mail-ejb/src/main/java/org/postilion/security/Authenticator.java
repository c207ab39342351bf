package org.postilion.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryService;

import java.util.Optional;

/**
 * Checks logins against the directory. A login is an account's address, in any case. An unknown login and a
 * wrong password get the same answer after the same work: an unknown login is checked against a stand-in
 * credential, so that response times do not tell which accounts exist.
 */
@Stateless
public class Authenticator {

    @Inject
    private DirectoryService directory;

    @Inject
    private PasswordHasher hasher;

    public AuthVerdict verifyPassword(String login, String password) {
        Optional<Account> account = directory.findAccountByLogin(login);
        if (account.isEmpty()) {
            hasher.verify(password, hasher.decoy());
            return AuthVerdict.DENIED;
        }
        return hasher.verify(password, account.get().getPasswordHash())
                ? new AuthVerdict.Authenticated(account.get().getAddress()) : AuthVerdict.DENIED;
    }

    /** The stored SCRAM-SHA-256 credential; the connector runs the exchange (and decoys unknown logins). */
    public AuthVerdict scramCredentials(String login) {
        Optional<Account> account = directory.findAccountByLogin(login);
        if (account.isEmpty()) {
            return AuthVerdict.DENIED;
        }
        ScramCredential c;
        try {
            c = ScramCredential.parse(account.get().getPasswordHash());
        } catch (IllegalArgumentException e) {
            return AuthVerdict.DENIED;
        }
        return new AuthVerdict.Scram(account.get().getAddress(),
                new ScramCredentials(c.iterations(), c.salt(), c.storedKey(), c.serverKey()));
    }
}
